package com.signalops.audit.service;

import com.signalops.audit.domain.SealPass;
import com.signalops.shared.Resources;
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
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the {@link AuditSealer} every {@code SIGNALOPS_AUDIT_SEAL_SECONDS} on a non-persistent
 * interval timer, so that audit records are linked into their chains seconds after they commit.
 * The timer needs no persistence: what is left to seal is the unsealed records themselves, so after
 * a crash or restart the next tick finds them. A sealer that stops shows in {@code audit-chain-verify},
 * which raises {@code audit.unsealed} for records left unsealed too long.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditSealing {

    private static final Logger LOG = Logger.getLogger(AuditSealing.class.getName());
    private static final int BATCH = 500;

    @Resource(lookup = Resources.DATA_SOURCE)
    private DataSource dataSource;

    @Resource
    private TimerService timerService;

    @EJB
    private SchemaMigrator migrator;

    @Inject
    @ConfigProperty(name = "SIGNALOPS_AUDIT_SEAL_SECONDS", defaultValue = "2")
    private long sealSeconds;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void start() {
        long interval = Math.max(1, sealSeconds) * 1000;
        timerService.createIntervalTimer(interval, interval, new TimerConfig("audit-sealer", false));
    }

    @Timeout
    void tick(Timer timer) {
        // one pass at a time: a slow pass is not overtaken by the next tick
        if (!migrator.isMigrated() || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            sealCommitted();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Audit records could not be sealed, trying again at the next tick: {0}", e.toString());
        } finally {
            running.set(false);
        }
    }

    /** Seals every audit record committed by now; answers what it did. */
    public SealPass sealCommitted() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return new AuditSealer(connection, BATCH, AuditSealer.LATE_COMMIT_WINDOW).sealAll();
        }
    }
}
