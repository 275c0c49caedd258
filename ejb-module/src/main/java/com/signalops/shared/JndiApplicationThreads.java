package com.signalops.shared;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;

/** The server's managed executor, looked up by its JNDI name. */
@ApplicationScoped
public class JndiApplicationThreads implements ApplicationThreads {

    @Resource(lookup = Resources.EXECUTOR)
    private ManagedExecutorService executor;

    @Override
    public ExecutorService executor() {
        return executor;
    }
}
