package com.signalops.jobs.audit;

import com.signalops.audit.domain.ChainBreak;
import com.signalops.audit.domain.ChainVerification;
import com.signalops.audit.domain.Severity;
import com.signalops.audit.service.AuditChainVerifier;
import com.signalops.audit.service.SecurityEvents;
import com.signalops.shared.ApplicationDatabase;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Verifies every audit chain, one page of records at a time. Each chain's head goes to the log
 * ({@code audit chain <key> head seq=<n> hash=<hash>}), where a rewrite of the whole table, which
 * verifies again, shows as a head that differs from the one logged before; each chain's first break
 * raises a CRITICAL {@value #EVENT} security event naming chain, position and record. It only
 * reads the chains, so a restart simply verifies again from the start; a stop ends it between chains.
 */
@Named
@Dependent
public class AuditChainVerification extends AbstractBatchlet {

    static final String EVENT = "audit.chain-broken";

    private static final Logger LOG = Logger.getLogger(AuditChainVerification.class.getName());

    @Inject
    private ApplicationDatabase database;

    /** How many records are read per query. */
    @Inject
    @BatchProperty
    private String pageSize;

    private volatile boolean stopRequested;

    @Override
    public String process() throws SQLException {
        int chains = 0;
        int broken = 0;
        try (Connection connection = database.dataSource().getConnection()) {
            AuditChainVerifier verifier = new AuditChainVerifier(connection, Integer.parseInt(pageSize.trim()));
            for (long chainKey : verifier.chainKeys()) {
                if (stopRequested) {
                    return "STOPPED CHAINS=" + chains + " BROKEN=" + broken;
                }
                ChainVerification verified = verifier.verify(chainKey);
                chains++;
                LOG.log(Level.INFO, "audit chain {0} head seq={1} hash={2}",
                        new Object[] {Long.toString(chainKey), Long.toString(verified.headSeq()), verified.headHash()});
                if (verified.firstBreak().isPresent()) {
                    broken++;
                    raise(connection, verified.firstBreak().get());
                }
            }
        }
        return "CHAINS=" + chains + " BROKEN=" + broken;
    }

    private static void raise(Connection connection, ChainBreak chainBreak) throws SQLException {
        LOG.log(Level.SEVERE, chainBreak.describe());
        Long workspaceId = chainBreak.chainKey() == 0 ? null : chainBreak.chainKey();
        SecurityEvents.raise(connection, workspaceId, EVENT, Severity.CRITICAL, chainBreak.describe(), Instant.now());
    }

    @Override
    public void stop() {
        stopRequested = true;
    }
}
