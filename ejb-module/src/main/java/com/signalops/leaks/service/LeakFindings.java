package com.signalops.leaks.service;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.service.AuditTrail;
import com.signalops.integration.domain.ConnectionActor;
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
import jakarta.persistence.TypedQuery;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Revenue-leak findings as people and keys see them: a store's findings filtered and paged, the totals of its open
 * ones by rule, one finding, and status changes with a reason, audited with before and after
 * ({@code leak-finding.triage}). A store, or a finding of a store, out of the viewer's scope answers like an unknown one.
 */
@Stateless
public class LeakFindings {

    /** The most findings one page holds. */
    public static final int MAX_PAGE_SIZE = 200;

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

    /** Findings of store {@code storeId}, of {@code rule} and in {@code status} when given, largest amount first. */
    public FindingPage page(Viewer viewer, long storeId, Optional<LeakRule> rule, Optional<FindingStatus> status, int page, int size) {
        directory.store(viewer, storeId);
        tenant(viewer.workspaceId());
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new BusinessException("leak-finding.page-invalid", "page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE);
        }
        String where = " where f.storeId = :storeId" + (rule.isPresent() ? " and f.rule = :rule" : "")
                + (status.isPresent() ? " and f.status = :status" : "");
        TypedQuery<LeakFinding> items = em.createQuery("select f from LeakFinding f" + where + " order by f.amount desc, f.id desc",
                LeakFinding.class);
        TypedQuery<Long> count = em.createQuery("select count(f) from LeakFinding f" + where, Long.class);
        for (TypedQuery<?> query : List.of(items, count)) {
            query.setParameter("storeId", storeId);
            rule.ifPresent(r -> query.setParameter("rule", r));
            status.ifPresent(s -> query.setParameter("status", s));
        }
        return new FindingPage(items.setFirstResult(page * size).setMaxResults(size).getResultList(), page, size, count.getSingleResult());
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
