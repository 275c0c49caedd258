package com.signalops.audit.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One audited action, built with {@link #of}. Identifiers are pseudonymous ids; {@code actorName}
 * is the actor's display name, kept outside the hashed part of the record so that it can be
 * corrected or erased. {@code before} and {@code after} are snapshots of the entity around the
 * change (null when there is none); {@link AuditRedactor} takes secrets and personal data out of
 * them before they are stored.
 */
public record AuditEntry(Long workspaceId, ActorType actorType, String actorId, String actorName, AuditSource source,
        AuditAction action, String entityType, String entityId, AuditOutcome outcome, String clientAddress,
        Map<String, Object> before, Map<String, Object> after) {

    public AuditEntry {
        Objects.requireNonNull(actorType, "actorType");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        before = snapshot(before);
        after = snapshot(after);
    }

    /** An entry for {@code action} ending in {@code outcome}; the entity type is the action's unless named. */
    public static Builder of(AuditAction action, AuditOutcome outcome) {
        return new Builder(action, outcome);
    }

    private static Map<String, Object> snapshot(Map<String, Object> values) {
        // a snapshot may hold nulls (a store in no district), which Map.copyOf refuses
        return values == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Collects an entry's parts; actor and source must be named before {@link #build}. */
    public static final class Builder {

        private final AuditAction action;
        private final AuditOutcome outcome;
        private Long workspaceId;
        private ActorType actorType;
        private String actorId;
        private String actorName;
        private AuditSource source;
        private String entityType;
        private String entityId;
        private String clientAddress;
        private Map<String, Object> before;
        private Map<String, Object> after;

        private Builder(AuditAction action, AuditOutcome outcome) {
            this.action = action;
            this.outcome = outcome;
            this.entityType = action.entityType();
        }

        /** The workspace the action happened in; none (chain 0) when not called or given null. */
        public Builder in(Long workspaceId) {
            this.workspaceId = workspaceId;
            return this;
        }

        public Builder by(ActorType actorType, String actorId) {
            this.actorType = actorType;
            this.actorId = actorId;
            return this;
        }

        public Builder by(ActorType actorType, long actorId) {
            return by(actorType, Long.toString(actorId));
        }

        /** The actor's display name, stored outside the hashed part of the record. */
        public Builder named(String actorName) {
            this.actorName = actorName;
            return this;
        }

        public Builder via(AuditSource source) {
            this.source = source;
            return this;
        }

        /** The entity of the action's own type. */
        public Builder on(Object entityId) {
            return on(action.entityType(), entityId);
        }

        /** Another entity than the action's own, e.g. the role an invitation was refused for. */
        public Builder on(String entityType, Object entityId) {
            this.entityType = entityType;
            this.entityId = entityId == null ? null : entityId.toString();
            return this;
        }

        public Builder from(String clientAddress) {
            this.clientAddress = clientAddress;
            return this;
        }

        public Builder before(Map<String, Object> before) {
            this.before = before;
            return this;
        }

        public Builder after(Map<String, Object> after) {
            this.after = after;
            return this;
        }

        public AuditEntry build() {
            return new AuditEntry(workspaceId, actorType, actorId, actorName, source, action, entityType, entityId, outcome,
                    clientAddress, before, after);
        }
    }
}
