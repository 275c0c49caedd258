package com.signalops.tenancy.domain;

import com.signalops.shared.Names;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** A tenant: one merchant organisation with its districts, stores and people. */
@Entity
@Table(name = "workspace")
public class Workspace {

    public static final int NAME_LENGTH = 120;

    /**
     * Whether the workspace may be used: a workspace whose deletion is scheduled still may, until
     * its grace period ends; a deleted one keeps only its id, under a placeholder name.
     */
    public enum Status { ACTIVE, DELETION_SCHEDULED, DELETED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, length = NAME_LENGTH)
    private String name;

    @Column(name = "status", nullable = false, length = 20)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Workspace() {
    }

    public Workspace(String name, Instant now) {
        rename(name);
        this.status = Status.ACTIVE.name();
        this.createdAt = Objects.requireNonNull(now);
    }

    public void rename(String newName) {
        this.name = Names.require(newName, NAME_LENGTH, "workspace name");
    }

    /** Its deletion was confirmed: it runs on until the grace period ends, unless cancelled. */
    public void scheduleDeletion() {
        this.status = Status.DELETION_SCHEDULED.name();
    }

    /** Its scheduled deletion was cancelled. */
    public void cancelDeletion() {
        this.status = Status.ACTIVE.name();
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Status status() {
        return Status.valueOf(status);
    }
}
