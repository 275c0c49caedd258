package com.signalops.privacy.web;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.web.ConsoleAudit;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.privacy.domain.DeletionReceipt;
import com.signalops.privacy.domain.DeletionRequest;
import com.signalops.privacy.service.DeletionRequests;
import com.signalops.shared.BusinessException;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The privacy page: the workspace's open deletion requests with their deadlines (those within 12 hours of it, or past
 * it, flagged), the latest receipts, and the workspace's own deletion, confirmed by typing its name (workspace.delete),
 * cancellable in its 7-day grace period. Refusals are recorded.
 */
@Named
@RequestScoped
public class PrivacyBacking {

    static final int RECEIPTS = 50;
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @EJB
    private DeletionRequests deletions;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleAudit audit;

    @Inject
    private ConsoleMessages messages;

    private List<DeletionRequest> open;
    private List<DeletionReceipt> receipts;
    private String typedName;

    public List<DeletionRequest> getOpen() {
        if (open == null) {
            open = deletions.open(session.getWorkspaceId());
        }
        return open;
    }

    public List<DeletionReceipt> getReceipts() {
        if (receipts == null) {
            receipts = deletions.receipts(session.getWorkspaceId(), RECEIPTS);
        }
        return receipts;
    }

    /** How near its deadline a request is: {@code privacy.deadline.missed}, {@code .near} or {@code .ok}. */
    public String deadline(DeletionRequest request) {
        Instant now = Instant.now();
        return request.isOverdue(now) ? "privacy.deadline.missed" : request.isAtRisk(now) ? "privacy.deadline.near" : "privacy.deadline.ok";
    }

    public boolean isCancellable(DeletionRequest request) {
        return request.isCancellable(Instant.now());
    }

    /** The receipt's counts, as {@code table: rows} per line. */
    public String counts(DeletionReceipt receipt) {
        return receipt.rowsRemoved().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }

    public String at(Instant at) {
        return at == null ? null : MINUTES.format(at);
    }

    /** Schedules the workspace's deletion when the typed name is the workspace's. */
    public void deleteWorkspace() {
        if (!audit.permits(Permission.WORKSPACE_DELETE, AuditAction.DELETION_REQUEST_OPEN, session.getWorkspaceId(),
                "privacy.workspace.not-allowed")) {
            return;
        }
        try {
            deletions.requestWorkspaceDeletion(session.getWorkspaceId(), session.getUserId(), typedName);
            messages.info("privacy.workspace.scheduled");
        } catch (BusinessException refused) {
            messages.refused(refused, "privacy.workspace.failed");
        } finally {
            typedName = null;
            open = null;
        }
    }

    /** Cancels request {@code requestId} (a workspace's deletion in its grace period). */
    public void cancel(long requestId) {
        if (!audit.permits(Permission.WORKSPACE_DELETE, AuditAction.DELETION_REQUEST_CANCEL, requestId, "privacy.workspace.not-allowed")) {
            return;
        }
        try {
            deletions.cancel(session.getWorkspaceId(), requestId, session.getUserId());
            messages.info("privacy.workspace.cancelled");
        } catch (BusinessException refused) {
            messages.refused(refused, "privacy.workspace.failed");
        } finally {
            open = null;
        }
    }

    public String getTypedName() {
        return typedName;
    }

    public void setTypedName(String typedName) {
        this.typedName = typedName;
    }
}
