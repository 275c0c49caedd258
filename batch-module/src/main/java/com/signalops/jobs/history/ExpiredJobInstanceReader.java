package com.signalops.jobs.history;

import com.signalops.shared.ApplicationDatabase;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads the ids of expired job instances in ascending order, a page at a time. Its
 * checkpoint is the last id read, so a restart continues after the last committed chunk.
 */
@Named
@Dependent
public class ExpiredJobInstanceReader extends AbstractItemReader {

    @Inject
    private ApplicationDatabase database;

    @Inject
    private JobContext jobContext;

    /** Rows older than this many days are deleted. */
    @Inject
    @BatchProperty
    private String maxAgeDays;

    /** The analysis time (ISO-8601 instant); the age is measured back from it. */
    @Inject
    @BatchProperty
    private String asOf;

    @Inject
    @BatchProperty
    private String pageSize;

    private final Deque<Long> page = new ArrayDeque<>();
    private long lastId;
    private Timestamp cutoff;

    @Override
    public void open(Serializable checkpoint) {
        lastId = checkpoint == null ? 0L : (Long) checkpoint;
        int days = Integer.parseInt(maxAgeDays.trim());
        if (days < 1) {
            throw new IllegalArgumentException("maxAgeDays must be at least 1, was " + days);
        }
        Instant reference = asOf == null || asOf.isBlank() ? Instant.now() : Instant.parse(asOf.trim());
        // The repository stores local date-times of the server; Liberty runs with TZ=UTC here, as documented.
        cutoff = Timestamp.valueOf(LocalDateTime.ofInstant(reference.minus(days, ChronoUnit.DAYS), ZoneOffset.UTC));
    }

    @Override
    public Object readItem() throws SQLException {
        if (page.isEmpty()) {
            fetchPage();
        }
        Long next = page.poll();
        if (next != null) {
            lastId = next;
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastId;
    }

    private void fetchPage() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(JobRepositoryTables.EXPIRED_INSTANCES)) {
            query.setLong(1, lastId);
            query.setLong(2, jobContext.getInstanceId());
            query.setTimestamp(3, cutoff);
            query.setTimestamp(4, cutoff);
            query.setInt(5, Integer.parseInt(pageSize.trim()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    page.add(rows.getLong(1));
                }
            }
        }
    }
}
