package com.signalops.privacy.service;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.AuditOutcome;
import com.signalops.audit.domain.AuditSource;
import com.signalops.audit.service.AuditTrail;
import com.signalops.identity.domain.Permission;
import com.signalops.privacy.domain.DataExport;
import com.signalops.privacy.domain.DataExportKind;
import com.signalops.privacy.domain.DownloadToken;
import com.signalops.privacy.domain.PrivacyRequest;
import com.signalops.shared.BusinessException;
import com.signalops.shared.NotFoundException;
import com.signalops.tenancy.domain.TenantOwned;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

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

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @Inject
    private ExportFolder folder;

    private Clock clock = Clock.systemUTC();

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

    /** Asks for an export of workspace {@code workspaceId} by user {@code userId}; its job starts within seconds. */
    public DataExport requestWorkspaceExport(long workspaceId, long userId, String clientAddress) {
        tenant(workspaceId);
        DataExport export = DataExport.ofWorkspace(Long.toString(userId), clock.instant());
        em.persist(export);
        em.flush();
        audit.record(entry(AuditAction.DATA_EXPORT_REQUEST, AuditOutcome.SUCCESS, workspaceId, userId, clientAddress, export.id())
                .after(snapshot(export)).build());
        return export;
    }

    /** Workspace {@code workspaceId}'s exports of {@code kind}, newest first (the latest 100). */
    public List<DataExport> list(long workspaceId, DataExportKind kind) {
        tenant(workspaceId);
        return em.createNamedQuery("DataExport.findByKind", DataExport.class).setParameter("kind", kind.name()).setMaxResults(100)
                .getResultList();
    }

    /**
     * Issues a single-use download link for ready export {@code exportId}, replacing any link
     * issued before; answers the token, which only the caller ever sees.
     *
     * @throws NotFoundException for an export of another workspace or none
     * @throws BusinessException {@code export.not-ready} or {@code export.expired}
     */
    public String issueLink(long workspaceId, long exportId, long userId, String clientAddress) {
        DataExport export = locked(workspaceId, exportId);
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
     * Spends the link of {@code token} for user {@code userId} in workspace {@code workspaceId},
     * who holds the permissions {@code may} says: the export is marked downloaded in this
     * transaction, with its audit record. A refusal is audited on its own and thrown.
     *
     * @throws BusinessException {@code export.link-invalid} for a token of no export of this
     *                           workspace, {@code export.forbidden} without the kind's download
     *                           permissions, {@code export.used} for a second use,
     *                           {@code export.expired}, {@code export.not-ready}
     */
    public Download redeem(long workspaceId, String token, long userId, Predicate<Permission> may, String clientAddress) {
        tenant(workspaceId);
        List<DataExport> found = DownloadToken.isWellFormed(token)
                ? em.createNamedQuery("DataExport.findByToken", DataExport.class).setParameter("hash", DownloadToken.hash(token))
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()
                : List.of();
        if (found.isEmpty()) {
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

    private static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(instant.atOffset(ZoneOffset.UTC).toLocalDateTime());
    }

    private void tenant(long workspaceId) {
        em.setProperty(TenantOwned.TENANT_PROPERTY, Long.toString(workspaceId));
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }
}
