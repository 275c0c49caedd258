package com.signalops.leaks.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which findings of one store a list or an export asks for: a rule and a status when chosen, in one order. It reads
 * in two steps: the ids of a page, from an index alone (every order with a status chosen has an index that gives it
 * without sorting, V41), then those findings by id; so a page stays as quick at the 100,000th finding as at the first.
 * Tenant-scoped by hand: these are native statements, which the entity manager's tenant does not reach.
 */
public record FindingSearch(long workspaceId, long storeId, Optional<LeakRule> rule, Optional<FindingStatus> status, FindingSort sort) {

    /** A statement's text and the values of its {@code ?}s, in order. */
    public record Statement(String sql, List<Object> values) {
    }

    /** The ids of the findings from {@code offset}, {@code limit} of them, in the search's order. */
    public Statement ids(long offset, int limit) {
        Statement where = where();
        List<Object> values = new ArrayList<>(where.values());
        values.add(limit);
        values.add(offset);
        return new Statement("SELECT id FROM leak_finding" + where.sql() + " ORDER BY " + sort.orderBy() + " LIMIT ? OFFSET ?", values);
    }

    /** How many findings match. */
    public Statement count() {
        Statement where = where();
        return new Statement("SELECT COUNT(*) FROM leak_finding" + where.sql(), where.values());
    }

    private Statement where() {
        List<Object> values = new ArrayList<>(List.of(workspaceId, storeId));
        StringBuilder sql = new StringBuilder(" WHERE workspace_id = ? AND store_id = ?");
        status.ifPresent(s -> {
            sql.append(" AND status = ?");
            values.add(s.name());
        });
        rule.ifPresent(r -> {
            sql.append(" AND rule_code = ?");
            values.add(r.name());
        });
        return new Statement(sql.toString(), values);
    }
}
