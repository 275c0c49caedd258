package com.signalops.approvals.service;

import com.signalops.outreach.domain.OutreachRules;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** A workspace's {@link OutreachRules} as stored, or the defaults when it set none. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class OutreachRulesReader {

    @PersistenceContext(unitName = "signalops")
    private EntityManager em;

    public OutreachRules of(long workspaceId) {
        List<?> rows = em.createNativeQuery("SELECT approval_expiry_days, second_approver_threshold, ai_enabled FROM outreach_setting "
                + "WHERE workspace_id = ?").setParameter(1, workspaceId).getResultList();
        if (rows.isEmpty()) {
            return OutreachRules.defaults();
        }
        Object[] row = (Object[]) rows.get(0);
        return new OutreachRules(((Number) row[0]).intValue(), row[1] == null ? null : ((Number) row[1]).intValue(), truth(row[2]));
    }

    private static boolean truth(Object value) {
        return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
    }
}
