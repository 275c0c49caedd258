package com.signalops.tenancy.domain;

import com.signalops.shared.Names;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** A group of a workspace's stores, the scope of a district manager. */
@Entity
@Table(name = "district")
@NamedQuery(name = "District.findAll", query = "select d from District d order by d.name")
@NamedQuery(name = "District.findById", query = "select d from District d where d.id = :id")
public class District extends TenantOwned {

    public static final int NAME_LENGTH = 120;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, length = NAME_LENGTH)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected District() {
    }

    public District(String name, Instant now) {
        rename(name);
        this.createdAt = Objects.requireNonNull(now);
    }

    public void rename(String newName) {
        this.name = Names.require(newName, NAME_LENGTH, "district name");
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }
}
