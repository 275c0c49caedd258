package com.signalops.audit.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The one catalogue of audited actions: each has its {@code noun.verb} key, as stored in
 * {@code audit_record.action}, and the type of entity it concerns (a denied attempt may name
 * another entity, the one it was refused on). A new audited action is added here first.
 */
public enum AuditAction {

    WORKSPACE_CREATE("workspace.create", "workspace"),
    SESSION_SIGN_IN("session.sign-in", "user"),
    SESSION_ENTER_WORKSPACE("session.enter-workspace", "workspace"),
    SESSION_SWITCH_ROLE("session.switch-role", "membership"),
    SESSION_SIGN_OUT("session.sign-out", "user"),
    USER_CHANGE_PASSWORD("user.change-password", "user"),
    INVITATION_CREATE("invitation.create", "invitation"),
    INVITATION_ACCEPT("invitation.accept", "invitation"),
    ROLE_CREATE("role.create", "role"),
    ROLE_UPDATE("role.update", "role"),
    ROLE_DELETE("role.delete", "role"),
    MEMBER_SUSPEND("member.suspend", "user"),
    MEMBER_REINSTATE("member.reinstate", "user"),
    MEMBERSHIP_GRANT("membership.grant", "membership"),
    MEMBERSHIP_REVOKE("membership.revoke", "membership"),
    API_KEY_CREATE("api-key.create", "api-key"),
    API_KEY_ROTATE("api-key.rotate", "api-key"),
    API_KEY_REVOKE("api-key.revoke", "api-key"),
    API_KEY_EXCHANGE("api-key.exchange", "api-key"),
    STAFF_ACCESS_START("staff-access.start", "staff_access"),
    STAFF_ACCESS_END("staff-access.end", "staff_access"),
    DISTRICT_CREATE("district.create", "district"),
    STORE_CREATE("store.create", "store"),
    STORE_MOVE("store.move", "store"),
    /**
     * A console user sent to Shopify to approve the connection of a store (the entity is the store;
     * never the OAuth state). Shopify's answer is recorded as {@code store.connect}.
     */
    STORE_AUTHORIZE("store.authorize", "store"),
    /** A store connected to its shop, or its grant renewed (the entity is the connection; never the token). */
    STORE_CONNECT("store.connect", "store_connection"),
    /** A store disconnected: its token destroyed, the deletion of its data requested. */
    STORE_DISCONNECT("store.disconnect", "store_connection"),
    /** An import of a store's data requested: files uploaded, or a Shopify bulk operation asked for (the entity is the import). */
    STORE_IMPORT_START("store-import.start", "store_import"),
    /** A revenue-leak analysis of a store requested on demand (the entity is the store; the run's job execution in after). */
    LEAK_ANALYSIS_START("leak-analysis.start", "store"),
    /** A person or key moved a revenue-leak finding to another status, with a reason (before and after). */
    LEAK_FINDING_TRIAGE("leak-finding.triage", "leak_finding"),
    /** A store's revenue-leak findings downloaded as CSV (the entity is the store; the filters and order in after). */
    LEAK_FINDING_EXPORT("leak-finding.export", "store"),
    /** A store's revenue-leak rule settings changed (the entity is the store; the settings before and after). */
    LEAK_SETTINGS_UPDATE("leak-settings.update", "store"),
    /**
     * A workspace's outreach settings changed: approval expiry, second approver threshold, AI switch and destination
     * filters, or stores' send rates (the entity is the workspace; the settings before and after).
     */
    OUTREACH_SETTINGS_UPDATE("outreach-settings.update", "workspace"),
    /** A workspace's retention periods changed (the entity is the workspace; every period before and after). */
    RETENTION_CONFIGURE("retention.configure", "workspace"),
    /**
     * One run of the retention sweep over a workspace's data (the entity is the workspace, none for rows of no
     * workspace): per table the rows deleted (or, in a dry run, that would be) and the oldest kept, in after.
     */
    RETENTION_SWEEP("retention.sweep", "workspace"),
    AUDIT_VIEW("audit.view", "audit_log"),
    AUDIT_EXPORT("audit.export", "audit_log"),
    /** A console page or API call refused for want of a permission (the entity is the page or the call). */
    ACCESS_DENY("access.deny", "resource"),
    /** One execution of a batch job, recorded when it ends (the entity is the execution). */
    JOB_RUN("job.run", "job_execution"),
    /** A data subject request received from Shopify through a compliance webhook and opened with its deadline. */
    PRIVACY_REQUEST_RECEIVE("privacy-request.receive", "privacy_request"),
    /** An export of the whole workspace asked for (the entity is the export; its job runs within seconds). */
    DATA_EXPORT_REQUEST("data-export.request", "data_export"),
    /** A single-use download link of a ready export issued (never the token; the entity is the export). */
    DATA_EXPORT_LINK("data-export.link", "data_export"),
    /** An export downloaded through its link, or a download refused (used, expired, invalid or not permitted). */
    DATA_EXPORT_DOWNLOAD("data-export.download", "data_export"),
    /** A user corrected their own profile (rectification; the display name before and after). */
    USER_UPDATE_PROFILE("user.update-profile", "user"),
    /** A user downloaded their own data (profile, memberships, audit records) as JSON. */
    ACCOUNT_DATA_DOWNLOAD("account-data.download", "user"),
    /** A deletion of a store's, a customer's, a workspace's or a user's data requested, with its deadline (ids and dates only). */
    DELETION_REQUEST_OPEN("deletion-request.open", "deletion_request"),
    /** A pending deletion request cancelled within its grace period. */
    DELETION_REQUEST_CANCEL("deletion-request.cancel", "deletion_request"),
    /** A deletion request carried out by the data-deletion job: its receipt's counts per table in after. */
    DELETION_REQUEST_COMPLETE("deletion-request.complete", "deletion_request"),
    /** A segment made (the entity is the segment; its definition in after). */
    SEGMENT_CREATE("segment.create", "segment"),
    /** A segment renamed or redefined (before and after); what was approved of it is voided. */
    SEGMENT_UPDATE("segment.update", "segment"),
    /** A campaign drafted (the entity is the campaign; its segment, subject and the body's hash in after). */
    CAMPAIGN_CREATE("campaign.create", "campaign"),
    /** A campaign's draft changed (before and after); what was approved of it is voided. */
    CAMPAIGN_UPDATE("campaign.update", "campaign"),
    /** A segment export asked for (the entity is the export; segment, fields and destination in after). */
    SEGMENT_EXPORT_CREATE("segment-export.create", "segment_export"),
    /** An approved segment export produced, mailed or downloaded (the entity is the export). */
    SEGMENT_EXPORT_DELIVER("segment-export.deliver", "segment_export"),
    /** An approval asked for (the entity is the request; the subject, its version, hash, count and approvers needed in after). */
    APPROVAL_REQUEST("approval.request", "approval_request"),
    /** An approver approved a request (or was refused: their own request, no right); the request's status after. */
    APPROVAL_APPROVE("approval.approve", "approval_request"),
    /** An approver rejected a request, with the reason. */
    APPROVAL_REJECT("approval.reject", "approval_request"),
    /** The requester withdrew their request. */
    APPROVAL_WITHDRAW("approval.withdraw", "approval_request"),
    /** SignalOps voided a request: its subject was edited, or found changed since it was reviewed. */
    APPROVAL_VOID("approval.void", "approval_request"),
    /** SignalOps expired a request or an unused approval past its time. */
    APPROVAL_EXPIRE("approval.expire", "approval_request"),
    /** A campaign's send carried out (the entity is the campaign; sent, skipped and failed counts in after). */
    CAMPAIGN_SEND("campaign.send", "campaign"),
    /** A customer unsubscribed through a campaign's link (the entity is the customer; never the address). */
    CUSTOMER_UNSUBSCRIBE("customer.unsubscribe", "customer"),
    /** A suggestion asked of the AI model provider (the entity is the exchange; never the prompt). */
    AI_SUGGEST("ai.suggest", "ai_exchange");

    private final String key;
    private final String entityType;

    AuditAction(String key, String entityType) {
        this.key = key;
        this.entityType = entityType;
    }

    /** The stored {@code noun.verb} form. */
    public String key() {
        return key;
    }

    /** The type of entity the action concerns. */
    public String entityType() {
        return entityType;
    }

    /** The action stored as {@code key}, if the catalogue has it. */
    public static Optional<AuditAction> fromKey(String key) {
        return Arrays.stream(values()).filter(action -> action.key.equals(key)).findFirst();
    }
}
