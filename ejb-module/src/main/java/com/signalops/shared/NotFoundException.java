package com.signalops.shared;

/** The thing asked for does not exist, or is not the caller's to know about. */
public class NotFoundException extends BusinessException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String what) {
        super("not-found", what + " not found");
    }
}
