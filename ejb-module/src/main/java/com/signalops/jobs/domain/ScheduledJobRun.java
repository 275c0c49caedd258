package com.signalops.jobs.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * The record of one scheduled trigger of a job. Its unique (job, scheduled time) key is
 * what makes a trigger start its job once across several servers.
 */
@Entity
@Table(name = "scheduled_job_run")
@NamedQuery(name = "ScheduledJobRun.findByTrigger",
        query = "select r from ScheduledJobRun r where r.jobName = :jobName and r.scheduledFor = :scheduledFor")
public class ScheduledJobRun {

    public static final int JOB_NAME_LENGTH = 100;
    public static final int DETAIL_LENGTH = 255;

    /** How the trigger ended. */
    public enum Outcome { CLAIMED, STARTED, SKIPPED, FAILED_TO_START }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "job_name", nullable = false, length = JOB_NAME_LENGTH)
    private String jobName;

    @Column(name = "scheduled_for", nullable = false)
    private Instant scheduledFor;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "execution_id")
    private Long executionId;

    @Column(name = "outcome", nullable = false, length = 20)
    private String outcome;

    @Column(name = "detail", length = DETAIL_LENGTH)
    private String detail;

    protected ScheduledJobRun() {
    }

    /** Claims the trigger of {@code jobName} scheduled for {@code scheduledFor}. */
    public ScheduledJobRun(String jobName, Instant scheduledFor, Instant now) {
        this.jobName = Objects.requireNonNull(jobName);
        this.scheduledFor = Objects.requireNonNull(scheduledFor);
        this.startedAt = Objects.requireNonNull(now);
        this.outcome = Outcome.CLAIMED.name();
    }

    public void started(long jobExecutionId) {
        this.executionId = jobExecutionId;
        this.outcome = Outcome.STARTED.name();
    }

    public void skipped(String reason) {
        this.outcome = Outcome.SKIPPED.name();
        this.detail = bounded(reason);
    }

    public void failedToStart(String reason) {
        this.outcome = Outcome.FAILED_TO_START.name();
        this.detail = bounded(reason);
    }

    private static String bounded(String reason) {
        return reason == null ? null : reason.substring(0, Math.min(reason.length(), DETAIL_LENGTH));
    }

    public Long id() {
        return id;
    }

    public String jobName() {
        return jobName;
    }

    public Instant scheduledFor() {
        return scheduledFor;
    }

    public Long executionId() {
        return executionId;
    }

    public Outcome outcome() {
        return Outcome.valueOf(outcome);
    }
}
