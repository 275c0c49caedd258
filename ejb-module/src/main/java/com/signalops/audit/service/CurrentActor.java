package com.signalops.audit.service;

import com.signalops.audit.domain.ActorType;
import com.signalops.audit.domain.AuditEntry;
import java.util.Optional;

/**
 * Who the current thread acts for (the signed-in person, staff member or API key of a request),
 * with their display name, so that audit records written on their behalf carry the name outside
 * the hashed part, and a platform staff member's actions under temporary access are recorded as
 * {@link ActorType#STAFF}. Whoever sets it clears it when the work is done: threads are pooled.
 */
public final class CurrentActor {

    /** The acting party: its type, pseudonymous id, display name (may be null) and the address it calls from. */
    public record Actor(ActorType type, String id, String name, String clientAddress) {
    }

    private static final ThreadLocal<Actor> CURRENT = new ThreadLocal<>();

    private CurrentActor() {
    }

    public static void set(ActorType type, String id, String name, String clientAddress) {
        CURRENT.set(new Actor(type, id, name, clientAddress));
    }

    public static Optional<Actor> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public static void clear() {
        CURRENT.remove();
    }

    /**
     * {@code entry} as the current actor completes it: when the entry's actor is the current one
     * (same id; a USER entry for a STAFF actor counts), it gets the actor's type and, unless it
     * names one, the actor's display name. An entry without a client address gets the address
     * the current request comes from, whoever its actor.
     */
    static AuditEntry complete(AuditEntry entry) {
        Actor actor = CURRENT.get();
        if (actor == null) {
            return entry;
        }
        boolean sameParty = actor.id() != null && actor.id().equals(entry.actorId())
                && (actor.type() == entry.actorType() || (actor.type() == ActorType.STAFF && entry.actorType() == ActorType.USER));
        String address = entry.clientAddress() != null ? entry.clientAddress() : actor.clientAddress();
        if (!sameParty && address == entry.clientAddress()) {
            return entry;
        }
        return new AuditEntry(entry.workspaceId(), sameParty ? actor.type() : entry.actorType(), entry.actorId(),
                sameParty && entry.actorName() == null ? actor.name() : entry.actorName(), entry.source(), entry.action(),
                entry.entityType(), entry.entityId(), entry.outcome(), address, entry.before(), entry.after());
    }
}
