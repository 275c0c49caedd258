package com.signalops.leaks.service;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.service.AuditTrail;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.leaks.domain.FindingSearch;
import com.signalops.leaks.domain.FindingSort;
import com.signalops.leaks.domain.FindingStatus;
import com.signalops.leaks.domain.LeakFinding;
import com.signalops.leaks.domain.LeakRule;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.TenantOwned;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.tenancy.service.DirectoryService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Revenue-leak findings as people and keys see them: a store's findings filtered and paged, the totals of its open
 * ones by rule, one finding, and status changes with a reason, audited with before and after
 * ({@code leak-finding.triage}). A store, or a finding of a store, out of the viewer's scope answers like an unknown one.
 */
@Stateless
public class LeakFindings {

    /** The most findings one page holds. */
    public static final int MAX_PAGE_SIZE = 200;
    private static final int EXPORT_CHUNK = 1000;

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private DirectoryService directory;

    @EJB
    private AuditTrail audit;

    private Clock clock = Clock.systemUTC();

    /** A page of findings (page numbers from 0) and how many match in all. */
    public record FindingPage(List<LeakFinding> items, int page, int size, long total) {
    }

    /** The open findings of one rule in one currency: how many, and the sum of their rounded amounts. */
    public record RuleTotal(LeakRule rule, long count, BigDecimal amount, String currency) {
    }

    /** Findings of store {@code storeId}, of {@code rule} and in {@code status} when given, in {@code sort}'s order. */
    public FindingPage page(Viewer viewer, long storeId, Optional<LeakRule> rule, Optional<FindingStatus> status, FindingSort sort, int page,
            int size) {
        FindingSearch search = search(viewer, storeId, rule, status, sort);
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new BusinessException("leak-finding.page-invalid", "page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE);
        }
        long total = ((Number) nativeQuery(search.count()).getSingleResult()).longValue();
        return new FindingPage(byIds(ids(search, (long) page * size, size)), page, size, total);
    }

    /**
     * Every finding of the search, in its order, to {@code sink} a chunk at a time (nothing of the whole list is held),
     * audited ({@code leak-finding.export} with the filters); answers how many there were.
     */
    public long export(Viewer viewer, long storeId, Optional<LeakRule> rule, Optional<FindingStatus> status, FindingSort sort,
            ConnectionActor actor, Consumer<LeakFinding> sink) {
        FindingSearch search = search(viewer, storeId, rule, status, sort);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("code", rule.map(LeakRule::name).orElse(null));
        after.put("status", status.map(FindingStatus::name).orElse(null));
        after.put("sort", sort.key());
        // recorded before the first line leaves, in a transaction of its own: a download cut short stays recorded
        audit.recordAlone(AuditEntry.of(AuditAction.LEAK_FINDING_EXPORT, AuditOutcome.SUCCESS).in(viewer.workspaceId())
                .by(actor.type(), actor.id()).via(actor.source()).on(storeId).after(after).build());
        long offset = 0;
        while (true) {
            List<Long> ids = ids(search, offset, EXPORT_CHUNK);
            byIds(ids).forEach(sink);
            em.clear();
            offset += ids.size();
            if (ids.size() < EXPORT_CHUNK) {
                return offset;
            }
        }
    }

    private FindingSearch search(Viewer viewer, long storeId, Optional<LeakRule> rule, Optional<FindingStatus> status, FindingSort sort) {
        directory.store(viewer, storeId);
        tenant(viewer.workspaceId());
        return new FindingSearch(viewer.workspaceId(), storeId, rule, status, sort);
    }

    private List<Long> ids(FindingSearch search, long offset, int limit) {
        List<?> rows = nativeQuery(search.ids(offset, limit)).getResultList();
        return rows.stream().map(id -> ((Number) id).longValue()).toList();
    }

    /** The findings of {@code ids}, in that order. */
    private List<LeakFinding> byIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, LeakFinding> found = new HashMap<>();
        em.createQuery("select f from LeakFinding f where f.id in :ids", LeakFinding.class).setParameter("ids", ids).getResultList()
                .forEach(f -> found.put(f.id(), f));
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    private Query nativeQuery(FindingSearch.Statement statement) {
        Query query = em.createNativeQuery(statement.sql());
        for (int i = 0; i < statement.values().size(); i++) {
            query.setParameter(i + 1, statement.values().get(i));
        }
        return query;
    }

    /** Per rule, the number of open findings of store {@code storeId} and the sum of their amounts. */
    public List<RuleTotal> openTotals(Viewer viewer, long storeId) {
        directory.store(viewer, storeId);
        tenant(viewer.workspaceId());
        return em.createNamedQuery("LeakFinding.summarizeOpenByStore", Object[].class).setParameter("storeId", storeId).getResultList()
                .stream().map(row -> new RuleTotal((LeakRule) row[0], (Long) row[2], (BigDecimal) row[3], (String) row[1])).toList();
    }

    /** Finding {@code findingId} as {@code viewer} may see it. */
    public LeakFinding find(Viewer viewer, long findingId) {
        tenant(viewer.workspaceId());
        LeakFinding finding = em.find(LeakFinding.class, findingId);
        if (finding == null) {
            throw new NotFoundException("Finding");
        }
        try {
            directory.store(viewer, finding.storeId());
        } catch (NotFoundException e) {
            throw new NotFoundException("Finding");
        }
        return finding;
    }

    /** Moves finding {@code findingId} to {@code to} for {@code reason}, as {@code actor}; audited with the status before and after. */
    public LeakFinding changeStatus(Viewer viewer, long findingId, FindingStatus to, String reason, ConnectionActor actor) {
        LeakFinding finding = find(viewer, findingId);
        Map<String, Object> before = snapshot(finding);
        finding.changeStatus(to, actor.id(), clock.instant(), reason);
        audit.record(AuditEntry.of(AuditAction.LEAK_FINDING_TRIAGE, AuditOutcome.SUCCESS).in(viewer.workspaceId())
                .by(actor.type(), actor.id()).via(actor.source()).on(finding.id()).before(before).after(snapshot(finding)).build());
        return finding;
    }

    /**
     * Moves each finding of {@code findingIds} to {@code to} for {@code reason}, as {@code actor}, all or none (one
     * transaction; each change audited as one alone is). At most {@value #MAX_PAGE_SIZE} at once; a finding the viewer
     * does not see is refused like an unknown one.
     */
    public List<LeakFinding> changeStatuses(Viewer viewer, List<Long> findingIds, FindingStatus to, String reason, ConnectionActor actor) {
        List<Long> distinct = findingIds.stream().distinct().toList();
        if (distinct.isEmpty() || distinct.size() > MAX_PAGE_SIZE) {
            throw new BusinessException("leak-finding.bulk-invalid", "choose between 1 and " + MAX_PAGE_SIZE + " findings");
        }
        return distinct.stream().map(id -> changeStatus(viewer, id, to, reason, actor)).toList();
    }

    private static Map<String, Object> snapshot(LeakFinding finding) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("storeId", finding.storeId());
        values.put("rule", finding.rule().name());
        values.put("subject", finding.subject());
        values.put("amount", finding.amount().toPlainString());
        values.put("status", finding.status().name());
        values.put("statusReason", finding.statusReason());
        return values;
    }

    private void tenant(long workspaceId) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }
}
