package com.signalops.ai.domain;

import java.util.List;

/**
 * A language model that answers a conversation. Whatever is passed here leaves SignalOps: callers pass only text the
 * {@link Pseudonymizer} has made.
 */
public interface ModelProvider {

    /** The name of the model, as stored with each exchange. */
    String model();

    /**
     * The model's answer to {@code messages}.
     *
     * @throws ModelFailure when the provider cannot be reached, answers late, with an error or with something that is
     *         not a completion
     */
    String complete(List<ChatMessage> messages);
}
