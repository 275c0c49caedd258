package com.signalops.shared;

import java.util.concurrent.ExecutorService;

/**
 * Threads for work that a job spreads over several at once (the campaign-send job's SMTP connections). In the
 * server they are the {@link Resources#EXECUTOR} managed executor's, with the application's context; batch tests
 * outside the server put a plain pool in through a CDI alternative. Callers only submit tasks and wait for them:
 * the executor's life is the container's (a managed executor refuses {@code shutdown}).
 */
public interface ApplicationThreads {

    ExecutorService executor();
}
