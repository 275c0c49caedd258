package com.signalops.testing;

import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.Severity;
import com.signalops.audit.service.AuditTrail;
import java.util.ArrayList;
import java.util.List;

/** An audit trail for services tested outside the server: it keeps what it is given, to be asserted on. */
public class RecordingAuditTrail extends AuditTrail {

    /** One security event as it was raised. */
    public record Event(Long workspaceId, String type, Severity severity, String details) {
    }

    /** Audit entries, whether they joined the caller's transaction or not, in order. */
    public final List<AuditEntry> entries = new ArrayList<>();
    public final List<Event> events = new ArrayList<>();

    @Override
    public void record(AuditEntry entry) {
        entries.add(entry);
    }

    @Override
    public void recordAlone(AuditEntry entry) {
        entries.add(entry);
    }

    @Override
    public void securityEvent(Long workspaceId, String type, Severity severity, String details) {
        events.add(new Event(workspaceId, type, severity, details));
    }

    public void clear() {
        entries.clear();
        events.clear();
    }
}
