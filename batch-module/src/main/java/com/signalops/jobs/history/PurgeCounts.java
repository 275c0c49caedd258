package com.signalops.jobs.history;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Rows deleted so far, per repository table. */
record PurgeCounts(TreeMap<String, Long> perTable) implements Serializable {

    void add(String table, long rows) {
        perTable.merge(table, rows, Long::sum);
    }

    long instances() {
        return perTable.getOrDefault("WLPJOBINSTANCE", 0L);
    }

    /** For the exit status, e.g. {@code deleted JOBEXECUTION=4,JOBINSTANCE=3,...}. */
    String summary() {
        return "deleted " + perTable.entrySet().stream().map(Map.Entry::toString).collect(Collectors.joining(","));
    }
}
