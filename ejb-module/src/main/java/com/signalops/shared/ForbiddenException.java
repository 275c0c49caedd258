package com.signalops.shared;

/** The caller is known and may see the thing, but not do this to it (maker-checker, a missing permission). */
public class ForbiddenException extends BusinessException {

    private static final long serialVersionUID = 1L;

    public ForbiddenException(String code, String message) {
        super(code, message);
    }
}
