package com.signalops.ai.domain;

import com.signalops.shared.BusinessException;

/**
 * A suggestion could not be had from the model: the provider failed, or its answer was not a valid proposal. The
 * message is stored with the exchange and shown to the person who asked, so it never holds a key, a prompt or an
 * answer's text, only what went wrong.
 */
public class ModelFailure extends BusinessException {

    private static final long serialVersionUID = 1L;

    /** The longest message kept (the column {@code ai_exchange.failure}). */
    public static final int MESSAGE_LENGTH = 200;

    public ModelFailure(String message) {
        super("ai.failed", message.length() > MESSAGE_LENGTH ? message.substring(0, MESSAGE_LENGTH) : message);
    }
}
