package com.signalops.integration.service;

import com.signalops.system.service.SchemaMigrator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Works through the webhook inbox, asynchronously from the requests that fill it: a
 * non-persistent interval timer takes the due deliveries oldest first and processes each in a
 * transaction of its own ({@link WebhookHandling}). The timer needs no persistence: the work's
 * state is the inbox itself, so after a crash or restart the next tick finds whatever was left.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookProcessor {

    private static final Logger LOG = Logger.getLogger(WebhookProcessor.class.getName());
    private static final int BATCH = 50;

    @Resource
    private TimerService timerService;

    @EJB
    private SchemaMigrator migrator;

    @EJB
    private WebhookHandling handling;

    @Inject
    @ConfigProperty(name = "SIGNALOPS_WEBHOOK_POLL_SECONDS", defaultValue = "5")
    private long pollSeconds;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void start() {
        long interval = Math.max(1, pollSeconds) * 1000;
        timerService.createIntervalTimer(interval, interval, new TimerConfig("webhook-inbox", false));
    }

    @Timeout
    void tick(Timer timer) {
        // one pass at a time: a slow pass is not overtaken by the next tick
        if (!migrator.isMigrated() || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            processDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The webhook inbox could not be read, trying again at the next tick: {0}", e.getClass().getName());
        } finally {
            running.set(false);
        }
    }

    /** Processes the deliveries due now; answers how many were tried. */
    public int processDue() {
        List<WebhookHandling.DueDelivery> due = handling.due(BATCH);
        for (WebhookHandling.DueDelivery delivery : due) {
            try {
                handling.process(delivery);
            } catch (RuntimeException e) {
                String error = describe(e);
                // the delivery's id and the kind of failure only: the payload and its personal data stay out of the log
                LOG.log(Level.WARNING, "Webhook delivery {0} not processed, will retry: {1}", new Object[] {delivery.id(), error});
                handling.attemptFailed(delivery.id(), error);
            }
        }
        return due.size();
    }

    /** The failure's innermost cause, by class, with the message only of our own payload checks (they quote nothing). */
    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        boolean ours = cause instanceof IllegalArgumentException || cause instanceof IllegalStateException;
        return cause.getClass().getSimpleName() + (ours && cause.getMessage() != null ? ": " + cause.getMessage() : "");
    }
}
