package com.signalops.shared;

import jakarta.ejb.ApplicationException;

/**
 * A rule of the business was broken. Rolls the container transaction back; the REST
 * layer maps it to an RFC 9457 problem response, the console to a message.
 */
@ApplicationException(rollback = true)
public class BusinessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public BusinessException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A stable, machine-readable code such as {@code job.unknown}. */
    public String code() {
        return code;
    }
}
