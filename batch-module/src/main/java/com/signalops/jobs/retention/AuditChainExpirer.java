package com.signalops.jobs.retention;

import com.signalops.audit.domain.ChainRetention;
import com.signalops.audit.service.AuditRetention;
import com.signalops.retention.domain.RetentionCategory;
import com.signalops.retention.service.AuditRetentionFloor;
import com.signalops.shared.RetentionDatabase;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Expires the audit chain of each workspace key it is given (the chain key is the workspace id, 0 for records of no
 * workspace) through {@link AuditRetention} on the retention account's connection: the only account the audit
 * triggers let delete, and only a sealed prefix behind the chain's checkpoint, in steps of {@code chunkSize} records
 * that it commits itself. The chain's checkpoint lives in the database, so a pass interrupted half-way is finished
 * by the next. In a dry run it previews. The count and the oldest record kept go to the run's tally.
 */
@Named
@Dependent
public class AuditChainExpirer extends SweepWriter {

    @Inject
    private RetentionDatabase retentionDatabase;

    @Inject
    private AuditRetentionFloor auditFloor;

    @Override
    public void writeItems(List<Object> items) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Connection retention = retentionDatabase.dataSource().getConnection()) {
            AuditRetention chains = new AuditRetention(retention, run.chunkSize());
            for (Object item : items) {
                long chainKey = (Long) item;
                LocalDateTime cutoff = SweepScopes.policy(connection, chainKey, auditFloor.days())
                        .cutoff(RetentionCategory.AUDIT_RECORDS, run.asOf());
                ChainRetention pass = run.dryRun() ? chains.preview(chainKey, cutoff) : chains.expire(chainKey, cutoff);
                SweepTally.add(connection, run.jobInstanceId(), chainKey, SweepTally.AUDIT_RECORDS, pass.recordsDeleted(),
                        chains.oldestKeptTime(chainKey, pass.checkpointSeq()).orElse(null));
            }
        }
    }
}
