package com.signalops.jobs.history;

import java.util.List;

/**
 * The tables of Liberty's batch job repository ({@code <databaseStore>} of
 * {@code batchPersistence} in server.xml, Liberty's default table prefix {@code WLP}), and
 * the order in which the rows of a set of job instances must be deleted: children first.
 */
final class JobRepositoryTables {

    /** Batch statuses (ordinal of {@code jakarta.batch.runtime.BatchStatus}) after which nothing runs any more. */
    static final String FINISHED_STATUSES = "3, 4, 5, 6";

    private static final String EXECUTIONS_OF = "SELECT JOBEXECID FROM WLPJOBEXECUTION WHERE FK_JOBINSTANCEID IN (%s)";

    /** One delete per table for the instances whose ids fill the {@code IN} list placeholder {@code %s}. */
    static final List<Delete> DELETES = List.of(
            new Delete("WLPREMOTABLEPARTITION", null, "DELETE FROM WLPREMOTABLEPARTITION WHERE FK_JOBEXECUTIONID IN (" + EXECUTIONS_OF + ")"),
            new Delete("WLPGROUPASSOCIATION", null, "DELETE FROM WLPGROUPASSOCIATION WHERE FK_JOBINSTANCEID IN (%s)"),
            new Delete("WLPSTEPTHREADINSTANCE", null, "DELETE FROM WLPSTEPTHREADINSTANCE WHERE FK_JOBINSTANCEID IN (%s)"),
            // partition threads point at their top-level step execution: they go first
            new Delete("WLPSTEPTHREADEXECUTION", null, "DELETE FROM WLPSTEPTHREADEXECUTION WHERE FK_JOBEXECID IN ("
                    + EXECUTIONS_OF + ") AND FK_TOPLVL_STEPEXECID <> STEPEXECID"),
            // a top-level step execution points at itself, which InnoDB refuses to delete: unlink it first
            new Delete("WLPSTEPTHREADEXECUTION",
                    "UPDATE WLPSTEPTHREADEXECUTION SET FK_TOPLVL_STEPEXECID = NULL WHERE FK_JOBEXECID IN (" + EXECUTIONS_OF + ")",
                    "DELETE FROM WLPSTEPTHREADEXECUTION WHERE FK_JOBEXECID IN (" + EXECUTIONS_OF + ")"),
            new Delete("WLPJOBPARAMETER", null, "DELETE FROM WLPJOBPARAMETER WHERE FK_JOBEXECID IN (" + EXECUTIONS_OF + ")"),
            new Delete("WLPJOBEXECUTION", null, "DELETE FROM WLPJOBEXECUTION WHERE FK_JOBINSTANCEID IN (%s)"),
            new Delete("WLPJOBINSTANCE", null, "DELETE FROM WLPJOBINSTANCE WHERE JOBINSTANCEID IN (%s)"));

    /**
     * Job instances after id {@code ?1}, other than {@code ?2} (the running sweep), that are
     * finished, whose last update and every execution's last activity lie before the cutoff
     * ({@code ?3}, {@code ?4}); at most {@code ?5} of them, in id order.
     */
    static final String EXPIRED_INSTANCES = "SELECT i.JOBINSTANCEID FROM WLPJOBINSTANCE i "
            + "WHERE i.JOBINSTANCEID > ? AND i.JOBINSTANCEID <> ? "
            + "AND i.BATCHSTATUS IN (" + FINISHED_STATUSES + ") "
            + "AND COALESCE(i.UPDATETIME, i.CREATETIME) < ? "
            + "AND NOT EXISTS (SELECT 1 FROM WLPJOBEXECUTION e WHERE e.FK_JOBINSTANCEID = i.JOBINSTANCEID "
            + "AND (e.BATCHSTATUS NOT IN (" + FINISHED_STATUSES + ") "
            + "OR COALESCE(e.ENDTIME, e.UPDATETIME, e.CREATETIME) >= ?)) "
            + "ORDER BY i.JOBINSTANCEID LIMIT ?";

    /**
     * @param unlink run before {@code sql} to break references the delete would trip over, or null
     */
    record Delete(String table, String unlink, String sql) {
    }

    private JobRepositoryTables() {
    }
}
