package com.signalops.jobs.campaigns;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Properties;

/** The campaign a {@code campaign-send} execution works on, named by its job parameters, and the campaign's row as it stands. */
record CampaignRun(long workspaceId, long campaignId) {

    static final String JOB = "campaign-send";
    static final String WORKSPACE_PARAMETER = "workspaceId";
    static final String CAMPAIGN_PARAMETER = "campaignId";

    static CampaignRun of(JobContext job) {
        Properties properties = job.getProperties();
        return new CampaignRun(number(properties, WORKSPACE_PARAMETER), number(properties, CAMPAIGN_PARAMETER));
    }

    /** The job parameters of a send of campaign {@code campaignId}. */
    static Properties parameters(long workspaceId, long campaignId) {
        Properties parameters = new Properties();
        parameters.setProperty(WORKSPACE_PARAMETER, Long.toString(workspaceId));
        parameters.setProperty(CAMPAIGN_PARAMETER, Long.toString(campaignId));
        return parameters;
    }

    /** A campaign's row: what its messages say and where its send stands. */
    record Campaign(long storeId, String subject, String body, String status, Long sendExecutionId) {

        /** Whether the send belongs to job instance {@code instanceId} (the execution that claimed it, or a restart of it). */
        boolean sendingBy(long instanceId) {
            if (!"SENDING".equals(status) || sendExecutionId == null) {
                return false;
            }
            JobOperator operator = BatchRuntime.getJobOperator();
            try {
                return operator.getJobInstance(sendExecutionId).getInstanceId() == instanceId;
            } catch (NoSuchJobExecutionException e) {
                return false;
            }
        }
    }

    Optional<Campaign> read(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT store_id, subject, body, status, send_execution_id "
                + "FROM campaign WHERE workspace_id = ? AND id = ?")) {
            query.setLong(1, workspaceId);
            query.setLong(2, campaignId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long execution = row.getLong(5);
                return Optional.of(new Campaign(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.wasNull() ? null : execution));
            }
        }
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static long number(Properties properties, String name) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("campaign-send needs the job parameter " + name);
        }
        return Long.parseLong(value.trim());
    }
}
