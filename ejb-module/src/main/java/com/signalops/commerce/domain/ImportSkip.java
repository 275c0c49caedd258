package com.signalops.commerce.domain;

import com.signalops.tenancy.domain.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A line an import skipped: its file, line number and reason; never the line's content. */
@Entity
@Table(name = "store_import_skip")
@IdClass(ImportSkip.Key.class)
@NamedQuery(name = "ImportSkip.findByImport",
        query = "select s from ImportSkip s where s.importId = :importId order by s.resource, s.lineNumber")
public class ImportSkip extends TenantOwned {

    /** The key of a skipped line within its workspace. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private Long importId;
        private ImportResource resource;
        private Long lineNumber;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(importId, key.importId) && resource == key.resource
                    && Objects.equals(lineNumber, key.lineNumber);
        }

        @Override
        public int hashCode() {
            return Objects.hash(importId, resource, lineNumber);
        }
    }

    @Id
    @Column(name = "import_id")
    private Long importId;

    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "resource", length = 20)
    private ImportResource resource;

    @Id
    @Column(name = "line_number")
    private Long lineNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "reason", nullable = false, length = 40)
    private SkipReason reason;

    @Column(name = "detail", length = 200)
    private String detail;

    protected ImportSkip() {
    }

    public long importId() {
        return importId;
    }

    public ImportResource resource() {
        return resource;
    }

    public long lineNumber() {
        return lineNumber;
    }

    public SkipReason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}
