package com.signalops.leaks.web;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.web.ConsoleAudit;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.leaks.domain.FindingSort;
import com.signalops.leaks.domain.FindingStatus;
import com.signalops.leaks.domain.LeakFinding;
import com.signalops.leaks.domain.LeakRule;
import com.signalops.leaks.service.LeakFindings;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.tenancy.service.DirectoryService;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The leaks page: the stores the active role sees; for the chosen one ({@code ?storeId=}) the open findings' totals by
 * rule and its findings filtered by {@code ?code=} and {@code ?status=} (open by default), sorted by {@code ?sort=}
 * (largest amount first by default), a page of 25 at a time ({@code ?page=}); a finding's evidence ({@code ?id=}, only
 * a finding of a store the role sees); its status change with a reason, and the same change for the findings ticked
 * on the page (bulk acknowledge or dismiss), both of which need {@code leaks.triage} (a refusal is recorded).
 */
@Named
@RequestScoped
public class LeakFindingsBacking {

    private static final int PAGE_SIZE = 25;

    @EJB
    private DirectoryService directory;

    @EJB
    private LeakFindings findings;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleAudit audit;

    @Inject
    private ConsoleMessages messages;

    @Inject
    private FacesContext faces;

    private List<Store> stores;
    private Long storeId;
    private LeakFindings.FindingPage page;
    private Optional<LeakFinding> selected;
    private Long findingId;
    private String status = FindingStatus.ACKNOWLEDGED.name();
    private String reason;

    public List<Store> getStores() {
        if (stores == null) {
            stores = directory.listStores(viewer());
        }
        return stores;
    }

    /** The chosen store: {@code ?storeId=}, else the first the role sees. */
    public Long getStoreId() {
        if (storeId == null) {
            String parameter = parameter("storeId");
            storeId = getStores().stream().map(Store::id).filter(id -> id.toString().equals(parameter)).findFirst()
                    .orElse(getStores().isEmpty() ? null : getStores().get(0).id());
        }
        return storeId;
    }

    public List<String> getCodes() {
        return Arrays.stream(LeakRule.values()).map(LeakRule::name).toList();
    }

    public List<String> getStatuses() {
        return Arrays.stream(FindingStatus.values()).map(FindingStatus::name).toList();
    }

    /** The rule filter, when {@code ?code=} names a rule. */
    public String getCode() {
        return LeakRule.fromCode(parameter("code")).map(LeakRule::name).orElse("");
    }

    /** The status filter: {@code ?status=}, {@code OPEN} when absent, none when {@code ALL}. */
    public String getStatusFilter() {
        String value = parameter("status");
        if (value == null || value.isBlank()) {
            return FindingStatus.OPEN.name();
        }
        return FindingStatus.fromName(value).map(FindingStatus::name).orElse("ALL");
    }

    /** The order: {@code ?sort=} when it names one, else largest amount first. */
    public String getSort() {
        return FindingSort.fromKey(Optional.ofNullable(parameter("sort")).orElse("")).orElse(FindingSort.AMOUNT_DESC).key();
    }

    /** The orders the list offers, by key. */
    public List<String> getSorts() {
        return Arrays.stream(FindingSort.values()).map(FindingSort::key).toList();
    }

    /** The statuses a bulk change may set. */
    public List<String> getBulkStatuses() {
        return List.of(FindingStatus.ACKNOWLEDGED.name(), FindingStatus.DISMISSED.name());
    }

    /** Whether the active role may download the findings as CSV ({@code leaks.view} and {@code exports.download}). */
    public boolean isExportable() {
        return session.may(Permission.LEAKS_VIEW) && session.may(Permission.EXPORTS_DOWNLOAD);
    }

    /** Per rule, the chosen store's open findings and the sum of their amounts. */
    public List<LeakFindings.RuleTotal> getTotals() {
        return getStoreId() == null ? List.of() : findings.openTotals(viewer(), getStoreId());
    }

    /** The page of findings the filters ask for. */
    public LeakFindings.FindingPage getPage() {
        if (page == null && getStoreId() != null) {
            int number;
            try {
                number = Math.max(0, Integer.parseInt(Optional.ofNullable(parameter("page")).orElse("0")));
            } catch (NumberFormatException e) {
                number = 0;
            }
            page = findings.page(viewer(), getStoreId(), LeakRule.fromCode(getCode()), FindingStatus.fromName(getStatusFilter()),
                    FindingSort.fromKey(getSort()).orElseThrow(), number, PAGE_SIZE);
        }
        return page;
    }

    public boolean isPreviousPage() {
        return getPage() != null && getPage().page() > 0;
    }

    public boolean isNextPage() {
        return getPage() != null && (long) (getPage().page() + 1) * getPage().size() < getPage().total();
    }

    /** The finding of {@code ?id=} (or of the posted triage form), if the role sees its store. */
    public LeakFinding getSelected() {
        if (selected == null) {
            selected = Optional.empty();
            try {
                String parameter = Optional.ofNullable(parameter("id")).orElse(parameter("triage:finding"));
                if (parameter != null && !parameter.isBlank()) {
                    selected = Optional.of(findings.find(viewer(), Long.parseLong(parameter.trim())));
                }
            } catch (NumberFormatException | NotFoundException e) {
                selected = Optional.empty();
            }
        }
        return selected.orElse(null);
    }

    public boolean isTriageable() {
        return session.may(Permission.LEAKS_TRIAGE);
    }

    /** The finding the triage form changes: the one shown. */
    public Long getFindingId() {
        if (findingId == null && getSelected() != null) {
            return getSelected().id();
        }
        return findingId;
    }

    public void setFindingId(Long findingId) {
        this.findingId = findingId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    /** Moves the finding of the form to the chosen status, with the reason given. */
    public String changeStatus() {
        if (!audit.permits(Permission.LEAKS_TRIAGE, AuditAction.LEAK_FINDING_TRIAGE, findingId, "leaks.not-allowed")) {
            return null;
        }
        Optional<FindingStatus> to = FindingStatus.fromName(status);
        if (findingId == null || to.isEmpty()) {
            messages.error("leaks.choose");
            return null;
        }
        LeakFinding finding;
        try {
            finding = findings.changeStatus(viewer(), findingId, to.get(), reason, ConnectionActor.user(session.getUserId()));
        } catch (BusinessException refused) {
            messages.refused(refused, "leaks.failed");
            return null;
        }
        messages.info("leaks.changed");
        return "/leaks?faces-redirect=true&storeId=" + finding.storeId() + "&id=" + finding.id();
    }

    /**
     * Moves the findings ticked on the page ({@code ids}) to the chosen status with the reason given, all or none;
     * back to the same list.
     */
    public String changeStatuses() {
        if (!audit.permits(Permission.LEAKS_TRIAGE, AuditAction.LEAK_FINDING_TRIAGE, null, "leaks.not-allowed")) {
            return null;
        }
        Optional<FindingStatus> to = FindingStatus.fromName(status).filter(s -> getBulkStatuses().contains(s.name()));
        String[] ticked = faces.getExternalContext().getRequestParameterValuesMap().get("ids");
        if (to.isEmpty() || ticked == null || ticked.length == 0) {
            messages.error("leaks.bulk.choose");
            return null;
        }
        List<Long> ids;
        try {
            ids = Arrays.stream(ticked).map(id -> Long.parseLong(id.trim())).toList();
        } catch (NumberFormatException e) {
            messages.error("leaks.bulk.choose");
            return null;
        }
        List<LeakFinding> changed;
        try {
            changed = findings.changeStatuses(viewer(), ids, to.get(), reason, ConnectionActor.user(session.getUserId()));
        } catch (BusinessException refused) {
            messages.refused(refused, "leaks.failed");
            return null;
        }
        messages.info("leaks.bulk.changed", changed.size());
        return "/leaks?faces-redirect=true&storeId=" + getStoreId() + "&code=" + getCode() + "&status=" + getStatusFilter() + "&sort="
                + getSort();
    }

    private String parameter(String name) {
        Map<String, String> parameters = faces.getExternalContext().getRequestParameterMap();
        return parameters.get(name);
    }

    private Viewer viewer() {
        return Viewer.of(session.getWorkspaceId(), session.getActiveRole());
    }
}
