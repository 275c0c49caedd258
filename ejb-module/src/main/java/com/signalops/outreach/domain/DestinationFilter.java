package com.signalops.outreach.domain;

import com.signalops.tenancy.domain.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A workspace's own {@link FieldFilter} of one destination (a destination without one has {@link FieldFilter#DEFAULT}),
 * with who set it last and when. The destination identifies the row within the workspace the tenant mechanism adds.
 */
@Entity
@Table(name = "export_destination_filter")
@NamedQuery(name = "DestinationFilter.ofWorkspace", query = "select f from DestinationFilter f order by f.destination")
@NamedQuery(name = "DestinationFilter.ofDestination", query = "select f from DestinationFilter f where f.destination = :destination")
public class DestinationFilter extends TenantOwned {

    public static final int FIELDS_LENGTH = 500;

    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "destination", nullable = false, updatable = false, length = 20)
    private ExportDestination destination;

    @Column(name = "allowed_fields", nullable = false, length = FIELDS_LENGTH)
    private String allowedFields;

    @Column(name = "personal_allowed", nullable = false)
    private boolean personalAllowed;

    @Column(name = "updated_by")
    private Long updatedBy;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected DestinationFilter() {
    }

    public DestinationFilter(ExportDestination destination, FieldFilter filter, long userId, Instant at) {
        this.destination = destination;
        change(filter, userId, at);
    }

    /** Replaces the filter (already consistent: a personal field only where personal fields may leave). */
    public void change(FieldFilter filter, long userId, Instant at) {
        allowedFields = filter.csv();
        personalAllowed = filter.personalAllowed();
        updatedBy = userId;
        updatedAt = at;
    }

    public ExportDestination destination() {
        return destination;
    }

    public FieldFilter filter() {
        return FieldFilter.stored(allowedFields, personalAllowed);
    }
}
