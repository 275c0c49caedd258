package com.signalops.jobs.campaigns;

import com.signalops.shared.ApplicationThreads;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** A plain pool of daemon threads in place of the server's managed executor, for jobs run by jberet-se. */
@Alternative
@Priority(100)
@ApplicationScoped
public class TestApplicationThreads implements ApplicationThreads {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(daemons());

    @Override
    public ExecutorService executor() {
        return EXECUTOR;
    }

    private static ThreadFactory daemons() {
        return task -> {
            Thread thread = new Thread(task, "test-application-thread-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
