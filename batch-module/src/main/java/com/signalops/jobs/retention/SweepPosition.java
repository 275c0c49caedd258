package com.signalops.jobs.retention;

import java.io.Serializable;

/**
 * The reader's checkpoint: the last row handed out, as workspace key, table and key. Scopes are swept in order of
 * workspace key, then table; keys in ascending order within one.
 */
record SweepPosition(long workspaceKey, SweepTable table, long part, long key) implements Serializable {

    /** Where a run starts: before the first table of the rows of no workspace. */
    static final SweepPosition START = new SweepPosition(SweepTable.NO_WORKSPACE, null, Long.MIN_VALUE, Long.MIN_VALUE);

    /** Whether the scope of {@code workspaceKey} and {@code table} lies wholly before this position. */
    boolean isPast(long scopeWorkspace, SweepTable scopeTable) {
        if (this.table == null) {
            return false;
        }
        return scopeWorkspace < workspaceKey || (scopeWorkspace == workspaceKey && scopeTable.ordinal() < table.ordinal());
    }

    /** Whether this position lies inside the scope of {@code workspaceKey} and {@code table}. */
    boolean isIn(long scopeWorkspace, SweepTable scopeTable) {
        return table == scopeTable && workspaceKey == scopeWorkspace;
    }
}
