package com.signalops.outreach.service;

import static com.signalops.outreach.service.Segments.require;

import com.signalops.approvals.domain.Person;
import com.signalops.approvals.domain.SubjectKind;
import com.signalops.approvals.service.Approvals;
import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditTrail;
import com.signalops.identity.domain.Permission;
import com.signalops.outreach.domain.ExportDestination;
import com.signalops.outreach.domain.ExportField;
import com.signalops.outreach.domain.Segment;
import com.signalops.outreach.domain.SegmentExport;
import com.signalops.tenancy.service.DirectoryService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports of a segment's customers as staff ask for them ({@code exports.request}): the fields and whether personal
 * ones are asked to leave, audited; a change voids the open approval. Once approved, the outreach dispatcher carries
 * the approval out and the {@code segment-export} job writes the fields the CSV destination's filter and the approval
 * let through, downloadable once from the data requests page.
 */
@Stateless
public class SegmentExports {

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private DirectoryService directory;

    @EJB
    private AuditTrail audit;

    @EJB
    private Approvals approvals;

    @EJB
    private Segments segments;

    private final Clock clock = Clock.systemUTC();

    public SegmentExport create(Person who, long segmentId, List<ExportField> fields, boolean personalData, ExportDestination destination,
            String recipient) {
        require(who, Permission.EXPORTS_REQUEST);
        Segment segment = segments.find(who, segmentId);
        SegmentExport export = new SegmentExport(segment, fields, personalData, destination, recipient, who.userId(), clock.instant());
        em.persist(export);
        em.flush();
        audit.record(entry(AuditAction.SEGMENT_EXPORT_CREATE, who, export).after(describe(export)).build());
        return export;
    }

    /** An export of segment {@code segmentId} asked for and its approval requested, in one transaction. */
    public SegmentExport ask(Person who, long segmentId, List<ExportField> fields, boolean personalData, ExportDestination destination,
            String recipient) {
        SegmentExport export = create(who, segmentId, fields, personalData, destination, recipient);
        approvals.request(who, SubjectKind.EXPORT, export.id(), com.signalops.approvals.domain.ProposalSource.PERSON, personalData);
        return export;
    }

    public SegmentExport change(Person who, long exportId, List<ExportField> fields, boolean personalData, ExportDestination destination,
            String recipient) {
        require(who, Permission.EXPORTS_REQUEST);
        SegmentExport export = find(who, exportId);
        Map<String, Object> before = describe(export);
        export.change(fields, personalData, destination, recipient, clock.instant());
        approvals.voidOpen(who.workspaceId(), SubjectKind.EXPORT, exportId, "It was changed");
        audit.record(entry(AuditAction.SEGMENT_EXPORT_CREATE, who, export).before(before).after(describe(export)).build());
        return export;
    }

    public List<SegmentExport> list(Person who, long storeId) {
        require(who, Permission.EXPORTS_REQUEST);
        return StoreScoped.ofStore(em, directory, who, storeId, "SegmentExport.findByStore", SegmentExport.class);
    }

    public SegmentExport find(Person who, long exportId) {
        return StoreScoped.find(em, directory, who, SegmentExport.class, exportId, SegmentExport::storeId, "Export");
    }


    private static AuditEntry.Builder entry(AuditAction action, Person who, SegmentExport export) {
        return AuditEntry.of(action, AuditOutcome.SUCCESS).in(who.workspaceId()).by(ActorType.USER, who.userId()).via(AuditSource.UI)
                .on(export.id());
    }

    private static Map<String, Object> describe(SegmentExport export) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("store", export.storeId());
        values.put("segment", export.segmentId());
        values.put("destination", export.destination().name());
        values.put("recipient", export.recipient());
        values.put("fields", export.fields().stream().map(ExportField::key).toList());
        values.put("personalData", export.personalData());
        values.put("version", export.version());
        return values;
    }
}
