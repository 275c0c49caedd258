package com.signalops.audit.web;

import com.signalops.audit.domain.AuditRecordView;
import com.signalops.audit.service.AuditLog;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.shared.NotFoundException;
import com.signalops.web.ConsoleMessages;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * One audit record in full, and its entity's before and after side by side with the changed keys
 * marked. Another workspace's record is as unknown as one that does not exist. Viewing is audited.
 */
@Named
@RequestScoped
public class AuditRecordBacking {

    @EJB
    private AuditLog log;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleAuditViews views;

    @Inject
    private ConsoleMessages messages;

    @Inject
    private ExternalContext external;

    private AuditRecordView record;
    private List<AuditDiff.Line> diff = List.of();

    /** Loads the record named by the {@code id} parameter. */
    @PostConstruct
    void load() {
        String id = external.getRequestParameterMap().get("id");
        try {
            record = log.record(session.getWorkspaceId(), Long.parseLong(id == null ? "" : id.strip()));
            diff = AuditDiff.of(record.beforeJson(), record.afterJson());
            views.viewed();
        } catch (NotFoundException | NumberFormatException unknown) {
            record = null;
            messages.error("audit.record.not-found");
        }
    }

    public AuditRecordView getRecord() {
        return record;
    }

    public List<AuditDiff.Line> getDiff() {
        return diff;
    }
}
