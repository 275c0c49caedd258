package com.signalops.audit.service;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditFilter;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditPage;
import com.signalops.audit.domain.AuditRecordView;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.domain.PageCursor;
import com.signalops.audit.domain.SecurityEventFilter;
import com.signalops.audit.domain.SecurityEventView;
import com.signalops.shared.NotFoundException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads a workspace's audit records and security events for the viewers, the export and the API:
 * only ever the caller's workspace's (see {@link AuditQueries}), a keyset page at a time, newest
 * first. It changes nothing but the audit trail itself: {@link #recordAccess} records who viewed or
 * exported it, for viewing and exporting the audit log are audited actions too.
 */
@Stateless
public class AuditLog {

    /** The action of a view of the audit log or the security events (a page, a record). */
    public static final AuditAction VIEW = AuditAction.AUDIT_VIEW;
    /** The action of an export of the audit log. */
    public static final AuditAction EXPORT = AuditAction.AUDIT_EXPORT;

    /** The page size of an export: large enough to be quick, small enough to keep memory flat. */
    static final int EXPORT_PAGE_SIZE = AuditFilter.MAX_PAGE_SIZE;

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private AuditTrail trail;

    /**
     * Records that {@code actorType}/{@code actorId} viewed ({@link #VIEW}) or exported
     * ({@link #EXPORT}) workspace {@code workspaceId}'s audit log, or was refused; in a transaction
     * of its own, so that a refusal stays recorded.
     */
    public void recordAccess(long workspaceId, AuditAction action, ActorType actorType, String actorId, AuditSource source,
            AuditOutcome outcome, String clientAddress) {
        trail.recordAlone(AuditEntry.of(action, outcome).in(workspaceId).by(actorType, actorId).via(source).from(clientAddress).build());
    }

    /** The page of records matching {@code filter} from {@code cursor} (null for the newest). */
    public AuditPage<AuditRecordView> page(long workspaceId, AuditFilter filter, PageCursor cursor) {
        return paged(AuditQueries.auditPage(workspaceId, filter, cursor, false), filter.pageSize(), cursor,
                row -> record(row, false), AuditRecordView::id);
    }

    /** Record {@code id} in full; another workspace's record is as unknown as one that does not exist. */
    public AuditRecordView record(long workspaceId, long id) {
        List<?> rows = query(AuditQueries.auditRecord(workspaceId, id)).getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException("Audit record");
        }
        return record((Object[]) rows.get(0), true);
    }

    /** The page of security events matching {@code filter} from {@code cursor} (null for the newest). */
    public AuditPage<SecurityEventView> securityEvents(long workspaceId, SecurityEventFilter filter, PageCursor cursor) {
        return paged(AuditQueries.securityEventPage(workspaceId, filter, cursor), filter.pageSize(), cursor,
                AuditLog::securityEvent, SecurityEventView::id);
    }

    /**
     * Hands every record matching {@code filter} in full to {@code consumer}, newest first, reading
     * one page at a time (the filter's page size does not matter); answers how many there were.
     */
    public long export(long workspaceId, AuditFilter filter, Consumer<AuditRecordView> consumer) {
        AuditFilter pages = filter.withPageSize(EXPORT_PAGE_SIZE);
        PageCursor cursor = null;
        long exported = 0;
        do {
            List<?> rows = query(AuditQueries.auditPage(workspaceId, pages, cursor, true)).getResultList();
            cursor = null;
            for (int i = 0; i < rows.size() && i < EXPORT_PAGE_SIZE; i++) {
                AuditRecordView record = record((Object[]) rows.get(i), true);
                consumer.accept(record);
                exported++;
                if (i == EXPORT_PAGE_SIZE - 1 && rows.size() > EXPORT_PAGE_SIZE) {
                    cursor = PageCursor.before(record.id());
                }
            }
            em.clear();
        } while (cursor != null);
        return exported;
    }

    private <T> AuditPage<T> paged(AuditQueries.Sql sql, int pageSize, PageCursor cursor, Function<Object[], T> mapping,
            Function<T, Long> key) {
        List<?> rows = query(sql).getResultList();
        boolean more = rows.size() > pageSize;
        List<T> items = new ArrayList<>();
        for (int i = 0; i < rows.size() && i < pageSize; i++) {
            items.add(mapping.apply((Object[]) rows.get(i)));
        }
        boolean backwards = cursor != null && cursor.isAfter();
        if (backwards) {
            Collections.reverse(items);
        }
        if (items.isEmpty()) {
            // past either end: offer the way back to where the cursor came from
            return new AuditPage<>(items, backwards ? PageCursor.before(cursor.key() + 1) : null,
                    cursor != null && !backwards ? PageCursor.after(cursor.key() - 1) : null);
        }
        long newest = key.apply(items.get(0));
        long oldest = key.apply(items.get(items.size() - 1));
        boolean older = backwards || more;
        boolean newer = backwards ? more : cursor != null;
        return new AuditPage<>(items, older ? PageCursor.before(oldest) : null, newer ? PageCursor.after(newest) : null);
    }

    private Query query(AuditQueries.Sql sql) {
        Query query = em.createNativeQuery(sql.text());
        for (int i = 0; i < sql.parameters().size(); i++) {
            query.setParameter(i + 1, sql.parameters().get(i));
        }
        return query;
    }

    private static AuditRecordView record(Object[] row, boolean withDetails) {
        return new AuditRecordView(number(row[0]), row[1] == null ? null : number(row[1]), instant(row[2]), text(row[3]), text(row[4]), text(row[5]),
                text(row[6]), text(row[7]), text(row[8]), text(row[9]), text(row[10]), text(row[11]),
                withDetails ? text(row[12]) : null, withDetails ? text(row[13]) : null);
    }

    private static SecurityEventView securityEvent(Object[] row) {
        return new SecurityEventView(number(row[0]), instant(row[1]), text(row[2]), text(row[3]), text(row[4]));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A DATETIME column (UTC), as the driver hands it over. */
    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        return ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
    }
}
