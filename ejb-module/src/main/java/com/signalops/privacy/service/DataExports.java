package com.signalops.privacy.service;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditTrail;
import com.signalops.identity.domain.Permission;
import com.signalops.integration.service.VaultKeyring;
import com.signalops.privacy.domain.DataExport;
import com.signalops.privacy.domain.DataExportKind;
import com.signalops.privacy.domain.DownloadToken;
import com.signalops.privacy.domain.ExportFiles;
import com.signalops.privacy.domain.PrivacyRequest;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.TenantOwned;
import com.signalops.tenancy.domain.Viewer;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Data exports: opened for a customer data request (in the request's transaction) or asked for
 * by an admin (the whole workspace), made by their batch job, and downloaded once through a
 * single-use link. Every request, link and download, and every refused download, is audited; the
 * link's token is shown once and stored only as its SHA-256.
 */
@Stateless
public class DataExports {

    private static final Logger LOG = Logger.getLogger(DataExports.class.getName());
    /** The actor of an export opened by a compliance webhook. */
    public static final String SHOPIFY = "shopify";
    /** A claimed export whose job never started (the server stopped between) is claimed again after this. */
    static final Duration UNSTARTED_CLAIM = Duration.ofMinutes(10);
    private static final int LISTED = 100;

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @Inject
    private ExportFolder folder;

    @Inject
    private VaultKeyring keyring;

    private Clock clock = Clock.systemUTC();

    public DataExports() {
    }

    /** A service on {@code em}, recording to {@code audit}, its files in {@code folder}, at {@code clock}'s time (tests). */
    DataExports(EntityManager em, AuditTrail audit, ExportFolder folder, Clock clock) {
        this.em = em;
        this.audit = audit;
        this.folder = folder;
        this.clock = clock;
    }

    /** Opens the export answering customer data request {@code request}, in the caller's transaction. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public DataExport openForRequest(PrivacyRequest request) {
        List<DataExport> opened = em.createNamedQuery("DataExport.findByRequest", DataExport.class).setParameter("requestId", request.id())
                .getResultList();
        if (!opened.isEmpty()) {
            return opened.get(0);
        }
        DataExport export = DataExport.ofCustomerRequest(request, SHOPIFY, clock.instant());
        em.persist(export);
        return export;
    }

    /**
     * Asks for an export of the viewer's workspace by user {@code userId}; its job starts within seconds.
     *
     * @throws BusinessException {@code export.whole-workspace} for a viewer of less than the whole workspace
     */
    public DataExport requestWorkspaceExport(Viewer viewer, long userId, String clientAddress) {
        long workspaceId = viewer.workspaceId();
        if (!viewer.seesWholeWorkspace()) {
            throw new BusinessException("export.whole-workspace", "Only a role over the whole workspace may export it");
        }
        tenant(workspaceId);
        DataExport export = DataExport.ofWorkspace(Long.toString(userId), clock.instant());
        em.persist(export);
        em.flush();
        audit.record(entry(AuditAction.DATA_EXPORT_REQUEST, AuditOutcome.SUCCESS, workspaceId, userId, clientAddress, export.id())
                .after(snapshot(export)).build());
        return export;
    }

    /** The workspace's exports of the whole workspace, newest first (the latest 100); none for a viewer of less. */
    public List<DataExport> workspaceExports(Viewer viewer) {
        if (!viewer.seesWholeWorkspace()) {
            return List.of();
        }
        tenant(viewer.workspaceId());
        return em.createNamedQuery("DataExport.findByKind", DataExport.class).setParameter("kind", DataExportKind.WORKSPACE.name())
                .setMaxResults(LISTED).getResultList();
    }

    /** The files of approved segment exports in the stores the viewer sees, newest first (the latest 100). */
    public List<DataExport> segmentExports(Viewer viewer) {
        tenant(viewer.workspaceId());
        return em.createNamedQuery("DataExport.findByKind", DataExport.class).setParameter("kind", DataExportKind.SEGMENT.name())
                .setMaxResults(LISTED).getResultList().stream().filter(export -> sees(viewer, export)).toList();
    }

    /** A customer data request and the export answering it. */
    public record CustomerRequest(PrivacyRequest request, DataExport export) {
    }

    /** The customer data requests of the stores {@code viewer} sees, newest first (the latest 100), each with its export. */
    public List<CustomerRequest> customerRequests(Viewer viewer) {
        tenant(viewer.workspaceId());
        Set<Long> stores = viewer.visibleStores(em).stream().map(Store::id).collect(Collectors.toSet());
        List<Object[]> rows = em.createNamedQuery("DataExport.findWithRequests", Object[].class).setMaxResults(LISTED).getResultList();
        return rows.stream().map(row -> new CustomerRequest((PrivacyRequest) row[0], (DataExport) row[1]))
                .filter(row -> stores.contains(row.request().storeId())).toList();
    }

    /**
     * Issues a single-use download link for ready export {@code exportId}, replacing any link
     * issued before; answers the token, which only the caller ever sees.
     *
     * @throws NotFoundException for an export of another workspace or none
     * @throws BusinessException {@code export.not-ready} or {@code export.expired}
     */
    public String issueLink(Viewer viewer, long exportId, long userId, String clientAddress) {
        long workspaceId = viewer.workspaceId();
        DataExport export = locked(workspaceId, exportId);
        if (!sees(viewer, export)) {
            throw new NotFoundException("Export");
        }
        String token = DownloadToken.generate();
        export.issueLink(DownloadToken.hash(token), Long.toString(userId), clock.instant());
        Map<String, Object> after = snapshot(export);
        after.put("expiresAt", export.expiresAt().toString());
        audit.record(entry(AuditAction.DATA_EXPORT_LINK, AuditOutcome.SUCCESS, workspaceId, userId, clientAddress, exportId).after(after)
                .build());
        return token;
    }

    /** An export handed out for its one download: where its file is and how to name it. */
    public record Download(long workspaceId, long exportId, DataExportKind kind, Long storeId, String fileName) {
    }

    /**
     * Spends the link of {@code token} for user {@code userId}, who holds the permissions
     * {@code may} says and sees what {@code viewer} sees: the export is marked downloaded in this
     * transaction, with its audit record. A refusal is audited on its own and thrown.
     *
     * @throws BusinessException {@code export.link-invalid} for a token of no export the viewer
     *                           sees, {@code export.forbidden} without the kind's download
     *                           permissions, {@code export.used} for a second use,
     *                           {@code export.expired}, {@code export.not-ready}
     */
    public Download redeem(Viewer viewer, String token, long userId, Predicate<Permission> may, String clientAddress) {
        long workspaceId = viewer.workspaceId();
        tenant(workspaceId);
        List<DataExport> found = DownloadToken.isWellFormed(token)
                ? em.createNamedQuery("DataExport.findByToken", DataExport.class).setParameter("hash", DownloadToken.hash(token))
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()
                : List.of();
        if (found.isEmpty() || !sees(viewer, found.get(0))) {
            throw refused(workspaceId, userId, clientAddress, null,
                    new BusinessException("export.link-invalid", "This download link is not valid"));
        }
        DataExport export = found.get(0);
        if (!export.kind().downloadPermissions().stream().allMatch(may)) {
            throw refused(workspaceId, userId, clientAddress, export.id(),
                    new BusinessException("export.forbidden", "Your role may not download this export"));
        }
        try {
            export.download(DownloadToken.hash(token), Long.toString(userId), clock.instant());
        } catch (BusinessException refusal) {
            throw refused(workspaceId, userId, clientAddress, export.id(), refusal);
        }
        audit.record(entry(AuditAction.DATA_EXPORT_DOWNLOAD, AuditOutcome.SUCCESS, workspaceId, userId, clientAddress, export.id())
                .after(snapshot(export)).build());
        return new Download(workspaceId, export.id(), export.kind(), export.storeId(), export.fileName());
    }

    /**
     * Writes the content of {@code download} to {@code out}: a customer's export opened from its
     * sealed file, a workspace's zip as it is.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void send(Download download, OutputStream out) throws IOException {
        Path file = folder.files().file(download.workspaceId(), download.fileName());
        if (download.kind().sealed()) {
            try (InputStream in = Files.newInputStream(file)) {
                out.write(ExportFiles.open(keyring.vault(), in, download.workspaceId(), download.storeId()).getBytes(StandardCharsets.UTF_8));
            }
        } else {
            Files.copy(file, out);
        }
        out.flush();
    }

    /** Deletes a downloaded export's file, once it is sent (or its sending failed: the link is spent either way). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void discardFile(Download download) {
        try {
            folder.files().delete(download.workspaceId(), download.fileName());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The file of export {0} could not be deleted: {1}", new Object[] {download.exportId(), e.getClass().getName()});
        }
    }

    /** An export to start: its workspace, id and kind. */
    public record Claim(long workspaceId, long exportId, DataExportKind kind) {
    }

    /**
     * Claims the pending exports (and those claimed long ago whose job never started), oldest
     * first, at most {@code limit}: each is running from now on, its job to be started by the caller.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Claim> claimPending(int limit) {
        Instant now = clock.instant();
        List<?> rows = em.createNativeQuery("SELECT workspace_id, id, kind FROM data_export WHERE status = 'PENDING' "
                + "OR (status = 'RUNNING' AND job_execution_id IS NULL AND requested_at < ?) ORDER BY id")
                .setParameter(1, utc(now.minus(UNSTARTED_CLAIM))).setMaxResults(limit).getResultList();
        List<Claim> claims = new ArrayList<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            long workspaceId = ((Number) columns[0]).longValue();
            long exportId = ((Number) columns[1]).longValue();
            // only if no other server claimed it since it was read
            int claimed = em.createNativeQuery("UPDATE data_export SET status = 'RUNNING' WHERE workspace_id = ? AND id = ? "
                    + "AND job_execution_id IS NULL AND (status = 'PENDING' OR (status = 'RUNNING' AND requested_at < ?))")
                    .setParameter(1, workspaceId).setParameter(2, exportId).setParameter(3, utc(now.minus(UNSTARTED_CLAIM))).executeUpdate();
            if (claimed == 1) {
                claims.add(new Claim(workspaceId, exportId, DataExportKind.valueOf((String) columns[2])));
            }
        }
        return claims;
    }

    /** An export whose job runs or ran: its claim and the job's first execution. */
    public record Running(Claim claim, long executionId) {
    }

    /**
     * The exports still marked running whose job started, oldest first, at most {@code limit}:
     * those whose execution was interrupted (a server stopped mid-run) are to be restarted.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Running> running(int limit) {
        List<?> rows = em.createNativeQuery("SELECT workspace_id, id, kind, job_execution_id FROM data_export WHERE status = 'RUNNING' "
                + "AND job_execution_id IS NOT NULL ORDER BY id").setMaxResults(limit).getResultList();
        List<Running> running = new ArrayList<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            running.add(new Running(new Claim(((Number) columns[0]).longValue(), ((Number) columns[1]).longValue(),
                    DataExportKind.valueOf((String) columns[2])), ((Number) columns[3]).longValue()));
        }
        return running;
    }

    /** Notes that the job of claimed export {@code claim} started as {@code executionId} (its status is the job's from now on). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void startedAs(Claim claim, long executionId) {
        em.createNativeQuery("UPDATE data_export SET job_execution_id = ? WHERE workspace_id = ? AND id = ?").setParameter(1, executionId)
                .setParameter(2, claim.workspaceId()).setParameter(3, claim.exportId()).executeUpdate();
    }

    /** Expires the ready exports past their expiry: their files deleted, their links forgotten. Answers how many. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int expireDue() {
        List<?> rows = em.createNativeQuery("SELECT workspace_id, id, kind FROM data_export WHERE status = 'READY' AND expires_at <= ? ORDER BY id")
                .setParameter(1, utc(clock.instant())).setMaxResults(100).getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            long workspaceId = ((Number) columns[0]).longValue();
            long exportId = ((Number) columns[1]).longValue();
            try {
                folder.files().delete(workspaceId, DataExportKind.valueOf((String) columns[2]).fileName(exportId));
            } catch (IOException e) {
                LOG.log(Level.WARNING, "The file of expired export {0} could not be deleted, trying again later: {1}",
                        new Object[] {exportId, e.getClass().getName()});
                continue;
            }
            em.createNativeQuery("UPDATE data_export SET status = 'EXPIRED', token_hash = NULL WHERE workspace_id = ? AND id = ?")
                    .setParameter(1, workspaceId).setParameter(2, exportId).executeUpdate();
        }
        return rows.size();
    }

    private BusinessException refused(long workspaceId, long userId, String clientAddress, Long exportId, BusinessException refusal) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("refusal", refusal.code());
        AuditOutcome outcome = "export.forbidden".equals(refusal.code()) ? AuditOutcome.DENIED : AuditOutcome.FAILED;
        audit.recordAlone(entry(AuditAction.DATA_EXPORT_DOWNLOAD, outcome, workspaceId, userId, clientAddress, exportId).after(after).build());
        return refusal;
    }

    /** A workspace export is seen by a viewer of the whole workspace, a customer's by a viewer of its store. */
    private boolean sees(Viewer viewer, DataExport export) {
        if (export.kind() == DataExportKind.WORKSPACE) {
            return viewer.seesWholeWorkspace();
        }
        return viewer.visibleStores(em).stream().anyMatch(store -> store.id().equals(export.storeId()));
    }

    private DataExport locked(long workspaceId, long exportId) {
        tenant(workspaceId);
        DataExport export = em.find(DataExport.class, exportId, LockModeType.PESSIMISTIC_WRITE);
        if (export == null) {
            throw new NotFoundException("Export");
        }
        return export;
    }

    private static AuditEntry.Builder entry(AuditAction action, AuditOutcome outcome, long workspaceId, long userId, String clientAddress,
            Long exportId) {
        AuditEntry.Builder entry = AuditEntry.of(action, outcome).in(workspaceId).by(ActorType.USER, userId).via(AuditSource.UI)
                .from(clientAddress);
        return exportId == null ? entry : entry.on(exportId);
    }

    private static Map<String, Object> snapshot(DataExport export) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", export.id());
        values.put("kind", export.kind().name());
        values.put("status", export.status().name());
        if (export.privacyRequestId() != null) {
            values.put("privacyRequestId", export.privacyRequestId());
        }
        return values;
    }

    /** {@code instant} as the UTC wall time a DATETIME column holds. */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private void tenant(long workspaceId) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
    }
}
