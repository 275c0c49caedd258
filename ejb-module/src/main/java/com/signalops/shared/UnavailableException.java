package com.signalops.shared;

/** The request was fine but the server cannot serve it now (a missing key, a dependency down). */
public class UnavailableException extends BusinessException {

    private static final long serialVersionUID = 1L;

    public UnavailableException(String code, String message) {
        super(code, message);
    }
}
