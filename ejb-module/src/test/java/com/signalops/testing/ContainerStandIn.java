package com.signalops.testing;

import com.signalops.audit.domain.AuditEntry;
import com.signalops.audit.domain.Severity;
import com.signalops.audit.service.AuditTrail;
import jakarta.ejb.EJB;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.reflect.Field;

/**
 * What the EJB container does for a service bean in these tests: its persistence context is the
 * one of the caller's transaction, its {@code @EJB} beans are wired the same way, and the audit
 * trail's {@code REQUIRES_NEW} writes (denials, security events) commit in a transaction of their
 * own, so that they stay when the service's transaction rolls back.
 */
final class ContainerStandIn {

    private ContainerStandIn() {
    }

    static <S> S wire(S bean, EntityManager em, JpaTestDatabase db) {
        for (Class<?> type = bean.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(PersistenceContext.class)) {
                    set(field, bean, em);
                } else if (field.isAnnotationPresent(EJB.class)) {
                    set(field, bean, field.getType() == AuditTrail.class ? new SeparatelyCommitting(em, db) : wire(newBean(field), em, db));
                }
            }
        }
        return bean;
    }

    private static Object newBean(Field field) {
        try {
            return field.getType().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create the bean of " + field, e);
        }
    }

    private static void set(Field field, Object bean, Object value) {
        try {
            field.setAccessible(true);
            field.set(bean, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The audit trail with its transaction attributes: {@code record} joins, the others commit alone. */
    private static final class SeparatelyCommitting extends AuditTrail {

        private final JpaTestDatabase db;

        SeparatelyCommitting(EntityManager em, JpaTestDatabase db) {
            this.db = db;
            wire(this, em, db);
        }

        @Override
        public void recordAlone(AuditEntry entry) {
            db.withoutWorkspace(alone -> {
                plain(alone).recordAlone(entry);
                return null;
            });
        }

        @Override
        public void securityEvent(Long workspaceId, String type, Severity severity, String details) {
            db.withoutWorkspace(alone -> {
                plain(alone).securityEvent(workspaceId, type, severity, details);
                return null;
            });
        }

        private static AuditTrail plain(EntityManager em) {
            AuditTrail trail = new AuditTrail();
            for (Field field : AuditTrail.class.getDeclaredFields()) {
                if (field.isAnnotationPresent(PersistenceContext.class)) {
                    set(field, trail, em);
                }
            }
            return trail;
        }
    }
}
