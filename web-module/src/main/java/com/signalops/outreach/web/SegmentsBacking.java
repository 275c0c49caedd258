package com.signalops.outreach.web;

import com.signalops.approvals.domain.ApprovalRequest;
import com.signalops.approvals.domain.ProposalSource;
import com.signalops.approvals.domain.SubjectKind;
import com.signalops.approvals.service.Approvals;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.web.ConsoleAudit;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.outreach.domain.Segment;
import com.signalops.outreach.domain.SegmentDefinition;
import com.signalops.outreach.domain.SegmentKind;
import com.signalops.outreach.service.Segments;
import com.signalops.shared.BusinessException;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.List;

/**
 * The segments page ({@code segments.view}): the chosen store's segments with their member and recipient counts and
 * the state of their latest approval request; a segment created or edited ({@code segments.manage}; editing voids what
 * was approved of it) of one of the three kinds; and an approval asked for ({@code approvals.request}).
 */
@Named
@RequestScoped
public class SegmentsBacking {

    /** A segment as the list shows it. */
    public record Row(Segment segment, int members, int recipients, ApprovalRequest request) {
    }

    @EJB
    private Segments segments;

    @EJB
    private Approvals approvals;

    @Inject
    private OutreachStores stores;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleAudit audit;

    @Inject
    private ConsoleMessages messages;

    private List<Row> rows;
    private Long segmentId;
    private String name;
    private String kind;
    private String hours;
    private String variantId;
    private String days;
    private String findingId;
    private boolean loaded;

    public boolean isManageable() {
        return session.may(Permission.SEGMENTS_MANAGE);
    }

    public boolean isRequestable() {
        return session.may(Permission.APPROVALS_REQUEST);
    }

    public List<String> getKinds() {
        return Arrays.stream(SegmentKind.values()).map(Enum::name).toList();
    }

    /** The chosen store's segments, newest first as the service lists them. */
    public List<Row> getRows() {
        if (rows == null) {
            Long storeId = stores.getStoreId();
            rows = storeId == null ? List.of() : segments.list(stores.person(), storeId).stream().map(segment -> {
                int[] counts = segments.counts(stores.person(), segment.id());
                return new Row(segment, counts[0], counts[1],
                        approvals.current(stores.person(), SubjectKind.SEGMENT, segment.id()).orElse(null));
            }).toList();
        }
        return rows;
    }

    /** The segment being edited ({@code ?segmentId=} or posted back), null when the form creates one. */
    public Long getSegmentId() {
        load();
        return segmentId;
    }

    public void setSegmentId(Long segmentId) {
        this.segmentId = segmentId;
    }

    public String getName() {
        load();
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKind() {
        load();
        return kind == null ? SegmentKind.UNFULFILLED_PAID.name() : kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getHours() {
        load();
        return hours;
    }

    public void setHours(String hours) {
        this.hours = hours;
    }

    public String getVariantId() {
        load();
        return variantId;
    }

    public void setVariantId(String variantId) {
        this.variantId = variantId;
    }

    public String getDays() {
        load();
        return days;
    }

    public void setDays(String days) {
        this.days = days;
    }

    public String getFindingId() {
        load();
        return findingId;
    }

    public void setFindingId(String findingId) {
        this.findingId = findingId;
    }

    /** Creates the form's segment in the chosen store, or saves the edited one. */
    public String save() {
        AuditAction action = segmentId == null ? AuditAction.SEGMENT_CREATE : AuditAction.SEGMENT_UPDATE;
        if (!audit.permits(Permission.SEGMENTS_MANAGE, action, segmentId, "outreach.not-allowed")) {
            return null;
        }
        Segment segment;
        try {
            SegmentDefinition definition = definition();
            segment = segmentId == null
                    ? segments.create(stores.person(), required(stores.getStoreId()), name, definition, ProposalSource.PERSON)
                    : segments.update(stores.person(), segmentId, name, definition);
        } catch (BusinessException refused) {
            messages.refusedWithReason(refused, "segments.failed");
            return null;
        }
        messages.info("segments.saved");
        return "/segments?faces-redirect=true&storeId=" + segment.storeId();
    }

    /** Asks for the approval of segment {@code id} as it is now. */
    public String requestApproval(long id) {
        try {
            approvals.request(stores.person(), SubjectKind.SEGMENT, id, ProposalSource.PERSON, false);
        } catch (BusinessException refused) {
            messages.refusedWithReason(refused, "approvals.request-failed");
            return null;
        }
        messages.info("approvals.requested");
        return "/segments?faces-redirect=true&storeId=" + stores.getStoreId();
    }

    private SegmentDefinition definition() {
        SegmentKind chosen = Arrays.stream(SegmentKind.values()).filter(k -> k.name().equals(getKind())).findFirst()
                .orElseThrow(() -> new BusinessException("segment.definition-invalid", "Choose the kind of segment"));
        return switch (chosen) {
            case UNFULFILLED_PAID -> SegmentDefinition.unfulfilledPaid(number("Hours", hours).intValue());
            case BOUGHT_VARIANT -> SegmentDefinition.boughtVariant(number("The variant id", variantId), number("Days", days).intValue());
            case FINDING_CUSTOMERS -> SegmentDefinition.findingCustomers(number("The finding id", findingId));
        };
    }

    private static Long number(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new BusinessException("segment.definition-invalid", what + " is needed for this kind of segment");
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new BusinessException("segment.definition-invalid", what + " must be a whole number, not " + value.trim());
        }
    }

    private static long required(Long storeId) {
        if (storeId == null) {
            throw new BusinessException("segments.no-store", "Choose a store first");
        }
        return storeId;
    }

    /** The edited segment's values ({@code ?segmentId=}) as the form's starting values; never over a posted value. */
    private void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        Long edited = segmentId != null ? segmentId : stores.id("segmentId");
        if (edited == null) {
            return;
        }
        try {
            Segment segment = segments.find(stores.person(), edited);
            SegmentDefinition definition = segment.definition();
            segmentId = segment.id();
            name = name != null ? name : segment.name();
            kind = kind != null ? kind : definition.kind().name();
            hours = hours != null ? hours : text(definition.hours());
            variantId = variantId != null ? variantId : text(definition.variantId());
            days = days != null ? days : text(definition.days());
            findingId = findingId != null ? findingId : text(definition.findingId());
        } catch (BusinessException notSeen) {
            segmentId = null;
        }
    }

    private static String text(Number value) {
        return value == null ? null : value.toString();
    }
}
