package com.signalops.jobs.audit;

import com.signalops.audit.domain.ChainBreak;
import com.signalops.audit.domain.ChainVerification;
import com.signalops.audit.domain.LoggedChainHead;
import com.signalops.audit.domain.Severity;
import com.signalops.audit.domain.UnsealedRecords;
import com.signalops.audit.service.AuditChainVerifier;
import com.signalops.audit.service.AuditHeadLedger;
import com.signalops.audit.service.SecurityEvents;
import com.signalops.shared.ApplicationDatabase;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies every audit chain, one page of records at a time. Each chain's first break raises a
 * CRITICAL {@value #BROKEN} security event naming chain, position and record. Each chain's head goes
 * to the log ({@code audit chain <key> head seq=<n> hash=<hash>}) and to the heads file outside the
 * database ({@code SIGNALOPS_AUDIT_HEADS_FILE}), and is compared with the head that file last held:
 * a chain that no longer continues it (a rewrite of the whole table, which verifies again) raises a
 * CRITICAL {@value #REWRITTEN} event. A broken or rewritten chain's head is not appended, so the last
 * good head stays the reference and the event comes again each night until someone looks. Records
 * the sealer has not linked into their chain within {@code unsealedBoundSeconds} of occurring (it
 * stopped, or cannot seal them) raise a HIGH {@value #UNSEALED} event per chain, naming the oldest.
 * It only reads the database, so a restart simply verifies again; a stop ends it between chains.
 */
@Named
@Dependent
public class AuditChainVerification extends AbstractBatchlet {

    static final String BROKEN = "audit.chain-broken";
    static final String REWRITTEN = "audit.chain-rewritten";
    static final String UNSEALED = "audit.unsealed";

    private static final Logger LOG = Logger.getLogger(AuditChainVerification.class.getName());

    @Inject
    private ApplicationDatabase database;

    @Inject
    @ConfigProperty(name = "SIGNALOPS_AUDIT_HEADS_FILE")
    private String headsFile;

    /** How many records are read per query. */
    @Inject
    @BatchProperty
    private String pageSize;

    /** How long after it occurred a record must be sealed; the sealer runs every few seconds. */
    @Inject
    @BatchProperty
    private String unsealedBoundSeconds;

    private volatile boolean stopRequested;

    @Override
    public String process() throws SQLException {
        int chains = 0;
        int broken = 0;
        int rewritten = 0;
        AuditHeadLedger ledger = new AuditHeadLedger(Path.of(headsFile));
        Map<Long, LoggedChainHead> logged = ledger.latest();
        List<LoggedChainHead> heads = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection()) {
            AuditChainVerifier verifier = new AuditChainVerifier(connection, Integer.parseInt(pageSize.trim()));
            List<Long> chainKeys = verifier.chainKeys();
            try {
                for (long chainKey : chainKeys) {
                    if (stopRequested) {
                        return "STOPPED CHAINS=" + chains + " BROKEN=" + broken + " REWRITTEN=" + rewritten;
                    }
                    ChainVerification verified = verifier.verify(chainKey);
                    chains++;
                    LOG.log(Level.INFO, "audit chain {0} head seq={1} hash={2}",
                            new Object[] {Long.toString(chainKey), Long.toString(verified.headSeq()), verified.headHash()});
                    Optional<String> rewrite = logged.containsKey(chainKey)
                            ? AuditHeadLedger.rewriteSince(connection, logged.get(chainKey), verified) : Optional.empty();
                    if (verified.firstBreak().isPresent()) {
                        broken++;
                        ChainBreak chainBreak = verified.firstBreak().get();
                        raise(connection, chainKey, BROKEN, chainBreak.describe());
                    }
                    if (rewrite.isPresent()) {
                        rewritten++;
                        raise(connection, chainKey, REWRITTEN, rewrite.get());
                    }
                    if (verified.intact() && rewrite.isEmpty()) {
                        heads.add(LoggedChainHead.of(verified, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
                    }
                }
                rewritten += vanished(connection, logged, chainKeys);
            } finally {
                ledger.append(heads);
            }
            long bound = Long.parseLong(unsealedBoundSeconds.trim());
            List<UnsealedRecords> unsealed = verifier.unsealedBefore(bound);
            for (UnsealedRecords chain : unsealed) {
                String details = chain.describe(bound);
                LOG.log(Level.SEVERE, details);
                SecurityEvents.raise(connection, chain.chainKey() == 0 ? null : chain.chainKey(), UNSEALED, Severity.HIGH, details,
                        Instant.now());
            }
            return "CHAINS=" + chains + " BROKEN=" + broken + " REWRITTEN=" + rewritten + " UNSEALED=" + unsealed.size();
        }
    }

    /** Chains that were logged but have neither head nor records any more: the whole chain was removed. */
    private static int vanished(Connection connection, Map<Long, LoggedChainHead> logged, List<Long> chainKeys) throws SQLException {
        Set<Long> present = new HashSet<>(chainKeys);
        int vanished = 0;
        for (LoggedChainHead head : logged.values()) {
            if (!present.contains(head.chainKey()) && head.seq() > 0) {
                vanished++;
                raise(connection, head.chainKey(), REWRITTEN, "audit chain " + head.chainKey() + " rewritten: it is gone, its head seq "
                        + head.seq() + " was logged at " + head.at());
            }
        }
        return vanished;
    }

    private static void raise(Connection connection, long chainKey, String type, String details) throws SQLException {
        LOG.log(Level.SEVERE, details);
        Long workspaceId = chainKey == 0 ? null : chainKey;
        SecurityEvents.raise(connection, workspaceId, type, Severity.CRITICAL, details, Instant.now());
    }

    @Override
    public void stop() {
        stopRequested = true;
    }
}
