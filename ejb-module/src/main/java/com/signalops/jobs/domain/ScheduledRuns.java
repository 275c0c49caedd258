package com.signalops.jobs.domain;

import com.signalops.shared.UtcInstantConverter;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/** Repository of scheduled triggers; each call is its own transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ScheduledRuns {

    private static final UtcInstantConverter UTC = new UtcInstantConverter();

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    /**
     * Claims the trigger of {@code jobName} for {@code scheduledFor}; empty when another server
     * or an earlier firing has claimed it already.
     */
    public Optional<Long> claim(String jobName, Instant scheduledFor, Instant now) {
        // INSERT IGNORE is the atomic claim: the unique key decides, without a failed transaction.
        int inserted = em.createNativeQuery("INSERT IGNORE INTO scheduled_job_run (job_name, scheduled_for, started_at, outcome) "
                        + "VALUES (?, ?, ?, ?)")
                .setParameter(1, jobName)
                .setParameter(2, UTC.convertToDatabaseColumn(scheduledFor))
                .setParameter(3, UTC.convertToDatabaseColumn(now))
                .setParameter(4, ScheduledJobRun.Outcome.CLAIMED.name())
                .executeUpdate();
        if (inserted == 0) {
            return Optional.empty();
        }
        return Optional.of(find(jobName, scheduledFor).id());
    }

    public void started(long runId, long executionId) {
        em.find(ScheduledJobRun.class, runId).started(executionId);
    }

    public void skipped(long runId, String reason) {
        em.find(ScheduledJobRun.class, runId).skipped(reason);
    }

    public void failedToStart(long runId, String reason) {
        em.find(ScheduledJobRun.class, runId).failedToStart(reason);
    }

    private ScheduledJobRun find(String jobName, Instant scheduledFor) {
        return em.createNamedQuery("ScheduledJobRun.findByTrigger", ScheduledJobRun.class)
                .setParameter("jobName", jobName)
                .setParameter("scheduledFor", scheduledFor)
                .getSingleResult();
    }
}
