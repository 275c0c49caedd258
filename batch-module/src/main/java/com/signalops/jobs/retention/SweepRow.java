package com.signalops.jobs.retention;

import java.io.Serializable;
import java.time.LocalDateTime;

/** One expired row the reader found: its workspace (0: none), table, key (part 0 when the table has none) and the cutoff it was found by. */
record SweepRow(long workspaceKey, SweepTable table, long part, long key, LocalDateTime cutoff) implements Serializable {

    /** Whether {@code other} is deleted by the same statement as this one. */
    boolean sameGroup(SweepRow other) {
        return workspaceKey == other.workspaceKey && table == other.table && part == other.part && cutoff.equals(other.cutoff);
    }
}
