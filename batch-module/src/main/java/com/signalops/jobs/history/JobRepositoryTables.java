package com.signalops.jobs.history;

import java.util.List;

/**
 * The tables of Liberty's batch job repository ({@code <databaseStore>} of
 * {@code batchPersistence} in server.xml, no table prefix), in the order in which rows of one
 * job instance must be deleted: children before parents.
 */
final class JobRepositoryTables {

    /** Batch statuses (ordinal of {@code jakarta.batch.runtime.BatchStatus}) after which nothing runs any more. */
    static final String FINISHED_STATUSES = "3, 4, 5, 6";

    /** One delete per table for the instances whose ids fill the {@code IN} list placeholder {@code %s}. */
    static final List<Delete> DELETES = List.of(
            new Delete("REMOTABLEPARTITION",
                    "DELETE FROM REMOTABLEPARTITION WHERE FK_JOBEXECUTIONID IN "
                            + "(SELECT JOBEXECID FROM JOBEXECUTION WHERE FK_JOBINSTANCEID IN (%s))"),
            new Delete("STEPTHREADEXECUTION",
                    "DELETE FROM STEPTHREADEXECUTION WHERE FK_JOBEXECID IN "
                            + "(SELECT JOBEXECID FROM JOBEXECUTION WHERE FK_JOBINSTANCEID IN (%s))"),
            new Delete("STEPTHREADINSTANCE", "DELETE FROM STEPTHREADINSTANCE WHERE FK_JOBINSTANCEID IN (%s)"),
            new Delete("JOBPARAMETER",
                    "DELETE FROM JOBPARAMETER WHERE FK_JOBEXECID IN "
                            + "(SELECT JOBEXECID FROM JOBEXECUTION WHERE FK_JOBINSTANCEID IN (%s))"),
            new Delete("JOBEXECUTION", "DELETE FROM JOBEXECUTION WHERE FK_JOBINSTANCEID IN (%s)"),
            new Delete("JOBINSTANCE", "DELETE FROM JOBINSTANCE WHERE JOBINSTANCEID IN (%s)"));

    /**
     * Job instances, after {@code ?1}, that are finished and whose last activity (and that of
     * every execution) lies before the cutoff {@code ?2}, excluding {@code ?3} (the running sweep).
     */
    static final String EXPIRED_INSTANCES = "SELECT i.JOBINSTANCEID FROM JOBINSTANCE i "
            + "WHERE i.JOBINSTANCEID > ? AND i.JOBINSTANCEID <> ? "
            + "AND i.BATCHSTATUS IN (" + FINISHED_STATUSES + ") "
            + "AND COALESCE(i.UPDATETIME, i.CREATETIME) < ? "
            + "AND NOT EXISTS (SELECT 1 FROM JOBEXECUTION e WHERE e.FK_JOBINSTANCEID = i.JOBINSTANCEID "
            + "AND (e.BATCHSTATUS NOT IN (" + FINISHED_STATUSES + ") "
            + "OR COALESCE(e.ENDTIME, e.LASTUPDATEDTIME, e.CREATETIME) >= ?)) "
            + "ORDER BY i.JOBINSTANCEID LIMIT ?";

    record Delete(String table, String sql) {
    }

    private JobRepositoryTables() {
    }
}
