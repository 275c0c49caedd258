package com.signalops.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;

/**
 * Rows of Liberty's batch job repository (the WLP* tables) made by SQL, in bulk: finished job
 * instances with an execution, a step, a partition of that step, its step instance, a job
 * parameter and a group association, all stamped with the time given.
 */
public final class JobRepositoryFixture {

    private JobRepositoryFixture() {
    }

    /** Creates the WLP* tables as Liberty 26.0.0.5 creates them on MariaDB. */
    public static void createLibertyTables(Connection connection) throws SQLException {
        String ddl;
        try (InputStream in = JobRepositoryFixture.class.getResourceAsStream("/liberty-batch-tables.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }

    /**
     * Inserts {@code count} COMPLETED instances of {@code jobName} whose instance and execution
     * were created, updated and ended at {@code instanceTime}, and whose execution ended at
     * {@code executionEnd}.
     */
    public static void insertFinishedInstances(Connection connection, String jobName, int count,
            LocalDateTime instanceTime, LocalDateTime executionEnd) throws SQLException {
        // explicit ids well above what the server has handed out, so that a concurrent insert of its own cannot collide
        long instanceBase = next(connection, "WLPJOBINSTANCE", "JOBINSTANCEID");
        long executionBase = next(connection, "WLPJOBEXECUTION", "JOBEXECID");
        long stepBase = next(connection, "WLPSTEPTHREADEXECUTION", "STEPEXECID");
        String seq = "seq_1_to_" + count;
        Timestamp at = Timestamp.valueOf(instanceTime);
        Timestamp ended = Timestamp.valueOf(executionEnd);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            update(connection, "INSERT INTO WLPJOBINSTANCE (JOBINSTANCEID, BATCHSTATUS, CREATETIME, INSTANCESTATE, JOBNAME, "
                    + "JOBXMLNAME, NUMEXECS, SUBMITTER, UPDATETIME, EXITSTATUS) "
                    + "SELECT ? + seq, 5, ?, 6, ?, ?, 1, 'fixture', ?, 'COMPLETED' FROM " + seq,
                    instanceBase, at, jobName, jobName, at);
            update(connection, "INSERT INTO WLPJOBEXECUTION (JOBEXECID, BATCHSTATUS, CREATETIME, STARTTIME, ENDTIME, EXECNUM, "
                    + "UPDATETIME, FK_JOBINSTANCEID, EXITSTATUS) "
                    + "SELECT ? + seq, 5, ?, ?, ?, 0, ?, ? + seq, 'COMPLETED' FROM " + seq,
                    executionBase, at, at, ended, ended, instanceBase);
            String stepColumns = "(STEPEXECID, THREADTYPE, BATCHSTATUS, M_COMMIT, M_FILTER, INTERNALSTATUS, PARTNUM, M_PROCESSSKIP, "
                    + "M_READ, M_READSKIP, M_ROLLBACK, STEPNAME, M_WRITE, M_WRITESKIP, FK_JOBEXECID, FK_TOPLVL_STEPEXECID, "
                    + "STARTTIME, ENDTIME, ISPARTITIONEDSTEP)";
            update(connection, "INSERT INTO WLPSTEPTHREADEXECUTION " + stepColumns
                    + " SELECT ? + 2 * seq, 'T', 5, 1, 0, 5, -1, 0, 1, 0, 0, 'step', 1, 0, ? + seq, ? + 2 * seq, ?, ?, 1 FROM " + seq,
                    stepBase, executionBase, stepBase, at, ended);
            update(connection, "INSERT INTO WLPSTEPTHREADEXECUTION " + stepColumns
                    + " SELECT ? + 2 * seq + 1, 'P', 5, 1, 0, 5, 0, 0, 1, 0, 0, 'step', 1, 0, ? + seq, ? + 2 * seq, ?, ?, 0 FROM " + seq,
                    stepBase, executionBase, stepBase, at, ended);
            update(connection, "INSERT INTO WLPSTEPTHREADINSTANCE (PARTNUM, STEPNAME, THREADTYPE, FK_JOBINSTANCEID, "
                    + "FK_LATEST_STEPEXECID, PARTITIONED, STARTCOUNT) SELECT -1, 'step', 'T', ? + seq, ? + 2 * seq, 1, 1 FROM " + seq,
                    instanceBase, stepBase);
            update(connection, "INSERT INTO WLPREMOTABLEPARTITION (PARTNUM, STEPNAME, INTERNALSTATE, LASTUPDATED, "
                    + "FK_JOBEXECUTIONID, FK_STEPEXECUTIONID) SELECT 0, 'step', 3, ?, ? + seq, ? + 2 * seq + 1 FROM " + seq,
                    ended, executionBase, stepBase);
            update(connection, "INSERT INTO WLPJOBPARAMETER (NAME, VALUE, FK_JOBEXECID) SELECT 'fixture', 'yes', ? + seq FROM " + seq,
                    executionBase);
            update(connection, "INSERT INTO WLPGROUPASSOCIATION (FK_JOBINSTANCEID, GROUPNAMES) SELECT ? + seq, 'ops' FROM " + seq,
                    instanceBase);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** How many instances of {@code jobName} the repository holds. */
    public static long countInstances(Connection connection, String jobName) throws SQLException {
        return count(connection, "SELECT COUNT(*) FROM WLPJOBINSTANCE WHERE JOBNAME = ?", jobName);
    }

    /** Rows of any repository table that belong to an instance of {@code jobName}. */
    public static long countAllRows(Connection connection, String jobName) throws SQLException {
        String executions = "(SELECT e.JOBEXECID FROM WLPJOBEXECUTION e JOIN WLPJOBINSTANCE i ON e.FK_JOBINSTANCEID = i.JOBINSTANCEID "
                + "WHERE i.JOBNAME = ?)";
        String instances = "(SELECT JOBINSTANCEID FROM WLPJOBINSTANCE WHERE JOBNAME = ?)";
        return count(connection, "SELECT "
                + "(SELECT COUNT(*) FROM WLPJOBINSTANCE WHERE JOBNAME = ?)"
                + " + (SELECT COUNT(*) FROM WLPJOBEXECUTION WHERE FK_JOBINSTANCEID IN " + instances + ")"
                + " + (SELECT COUNT(*) FROM WLPSTEPTHREADEXECUTION WHERE FK_JOBEXECID IN " + executions + ")"
                + " + (SELECT COUNT(*) FROM WLPSTEPTHREADINSTANCE WHERE FK_JOBINSTANCEID IN " + instances + ")"
                + " + (SELECT COUNT(*) FROM WLPREMOTABLEPARTITION WHERE FK_JOBEXECUTIONID IN " + executions + ")"
                + " + (SELECT COUNT(*) FROM WLPJOBPARAMETER WHERE FK_JOBEXECID IN " + executions + ")"
                + " + (SELECT COUNT(*) FROM WLPGROUPASSOCIATION WHERE FK_JOBINSTANCEID IN " + instances + ")",
                jobName, jobName, jobName, jobName, jobName, jobName, jobName);
    }

    private static long next(Connection connection, String table, String id) throws SQLException {
        return count(connection, "SELECT COALESCE(MAX(" + id + "), 0) + 100000 FROM " + table);
    }

    private static long count(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
