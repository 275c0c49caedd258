package com.signalops.audit.service;

import com.signalops.audit.domain.AuditFilter;
import com.signalops.audit.domain.PageCursor;
import com.signalops.audit.domain.SecurityEventFilter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL the audit viewers run, as text and parameters, so that {@link AuditLog}, the tests'
 * EXPLAIN and the bench run the very same statements. Neither table is a JPA entity, so tenant
 * scoping is no filter of the persistence unit: every statement on {@code audit_record} is built
 * from {@link #chain(long)} and every one on {@code security_event} from {@link #workspace(long)}.
 * Pages are keyset pages by {@code id}, so that a record shows before the sealer has given it its
 * position ({@code seq}, from {@code audit_seal}, null until then); no statement counts or skips rows.
 */
public final class AuditQueries {

    static final String LIST_COLUMNS = "r.id, s.seq, r.occurred_at, r.actor_type, r.actor_id, r.actor_name, r.source, r.action, "
            + "r.entity_type, r.entity_id, r.outcome, r.request_id";
    static final String FULL_COLUMNS = LIST_COLUMNS + ", r.before_json, r.after_json";
    /** Each record with its seal, if it has one yet. */
    static final String RECORDS = "audit_record r LEFT JOIN audit_seal s ON s.record_id = r.id";
    /**
     * The same for a page, which walks an index that starts with the chain: the primary key, in the
     * same id order, would walk every workspace's records to find a small workspace's few.
     */
    static final String PAGED_RECORDS = "audit_record r IGNORE INDEX (PRIMARY) LEFT JOIN audit_seal s ON s.record_id = r.id";
    /**
     * The same for a page of a time range that ends in the past: the range lies anywhere in the
     * chain, and walking the chain from its newest record would read every record after it before
     * the first match (MariaDB takes matches as spread evenly along the id order, but they follow
     * time). The time index reads the range alone, which is then sorted by id.
     */
    static final String PAGED_RECORDS_UNTIL = "audit_record r IGNORE INDEX (PRIMARY, ix_audit_record_chain) "
            + "LEFT JOIN audit_seal s ON s.record_id = r.id";

    /** A statement and its positional parameters. */
    public record Sql(String text, List<Object> parameters) {

        public Sql {
            parameters = List.copyOf(parameters);
        }
    }

    private AuditQueries() {
    }

    /**
     * One page of workspace {@code workspaceId}'s audit records matching {@code filter}, one more
     * than the page size (to tell whether another page follows): newest first from {@code cursor}
     * (null for the newest), oldest first for a page {@code after} a cursor.
     */
    public static Sql auditPage(long workspaceId, AuditFilter filter, PageCursor cursor, boolean withDetails) {
        Conditions where = chain(workspaceId)
                .equal("r.actor_type", filter.actorType())
                .equal("r.actor_id", filter.actorId())
                .equal("r.action", filter.action())
                .equal("r.entity_type", filter.entityType())
                .equal("r.entity_id", filter.entityId())
                .equal("r.outcome", filter.outcome())
                .equal("r.source", filter.source())
                .between("r.occurred_at", filter.from(), filter.to())
                .beyond("r.id", cursor);
        return where.select(withDetails ? FULL_COLUMNS : LIST_COLUMNS, filter.to() == null ? PAGED_RECORDS : PAGED_RECORDS_UNTIL, "r.id",
                cursor, filter.pageSize() + 1);
    }

    /** Audit record {@code id}, if it is workspace {@code workspaceId}'s. */
    public static Sql auditRecord(long workspaceId, long id) {
        Conditions where = chain(workspaceId).equal("r.id", id);
        return new Sql("SELECT " + FULL_COLUMNS + " FROM " + RECORDS + " WHERE " + where.text(), where.parameters);
    }

    /** One page of workspace {@code workspaceId}'s security events, like {@link #auditPage} but keyed by id. */
    public static Sql securityEventPage(long workspaceId, SecurityEventFilter filter, PageCursor cursor) {
        Conditions where = workspace(workspaceId)
                .equal("type", filter.type())
                .equal("severity", filter.severity() == null ? null : filter.severity().name())
                .between("occurred_at", filter.from(), filter.to())
                .beyond("id", cursor);
        return where.select("id, occurred_at, type, severity, details", "security_event", "id", cursor, filter.pageSize() + 1);
    }

    /** The one start of every condition on {@code audit_record}: the caller's chain. */
    private static Conditions chain(long workspaceId) {
        return new Conditions("r.chain_key", workspaceId);
    }

    /** The one start of every condition on {@code security_event}: the caller's workspace. */
    private static Conditions workspace(long workspaceId) {
        return new Conditions("workspace_id", workspaceId);
    }

    /** Conditions joined by AND, the first of them the tenant's; column names are constants of this class only. */
    private static final class Conditions {

        private final StringBuilder text = new StringBuilder();
        private final List<Object> parameters = new ArrayList<>();

        private Conditions(String tenantColumn, long tenant) {
            text.append(tenantColumn).append(" = ?");
            parameters.add(tenant);
        }

        Conditions equal(String column, Object value) {
            return value == null ? this : add(column + " = ?", value);
        }

        Conditions between(String column, Instant from, Instant to) {
            if (from != null) {
                add(column + " >= ?", LocalDateTime.ofInstant(from, ZoneOffset.UTC));
            }
            if (to != null) {
                add(column + " < ?", LocalDateTime.ofInstant(to, ZoneOffset.UTC));
            }
            return this;
        }

        Conditions beyond(String key, PageCursor cursor) {
            return cursor == null ? this : add(key + (cursor.isAfter() ? " > ?" : " < ?"), cursor.key());
        }

        private Conditions add(String condition, Object value) {
            text.append(" AND ").append(condition);
            parameters.add(value);
            return this;
        }

        String text() {
            return text.toString();
        }

        Sql select(String columns, String table, String key, PageCursor cursor, int limit) {
            String order = cursor != null && cursor.isAfter() ? " ASC" : " DESC";
            return new Sql("SELECT " + columns + " FROM " + table + " WHERE " + text + " ORDER BY " + key + order + " LIMIT " + limit,
                    parameters);
        }
    }
}
