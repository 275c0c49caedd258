package com.signalops.leaks.domain;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The analysis of one store as of one instant: each of the eight rules runs as one set-based statement in MariaDB
 * that upserts its matches into {@code leak_finding} by (store, rule, subject), then one that resolves the rule's open
 * and acknowledged findings that this run did not see, both in one local transaction. Running a rule again (a
 * replay after a crash, a second analysis) gives the same findings, never a second one.
 *
 * <p>Orders in scope are created in {@code [asOf - lookbackDays, asOf]}, not test, not cancelled; boundaries are
 * inclusive. Money is exact (DECIMAL) until each finding's amount is rounded once to cents half-even. A dismissed
 * finding stays dismissed while its amount stays the same; a resolved one that matches again reopens.
 */
public final class LeakAnalysis {

    /** Who the analysis is, in {@code status_changed_by}. */
    public static final String ANALYST = "analysis";
    /** The most line items, orders or codes one finding's evidence lists (its counts give the whole number). */
    public static final int EVIDENCE_ITEMS = 50;

    private static final int DEADLOCK_ATTEMPTS = 5;
    /** ER_AUTOINC_READ_FAILED. */
    private static final int AUTO_INCREMENT_READ_FAILED = 1467;
    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final long workspaceId;
    private final long storeId;
    private final Instant asOf;
    private final LeakSettings settings;

    /** The analysis of store {@code storeId} of workspace {@code workspaceId} as of {@code asOf} (kept to the millisecond). */
    public LeakAnalysis(long workspaceId, long storeId, Instant asOf, LeakSettings settings) {
        this.workspaceId = workspaceId;
        this.storeId = storeId;
        this.asOf = asOf.truncatedTo(ChronoUnit.MILLIS);
        this.settings = settings;
    }

    /** What one rule did: findings it saw match (new or updated) and findings it resolved. */
    public record RuleOutcome(LeakRule rule, int matched, int resolved) {
    }

    /**
     * Runs {@code rule} on {@code connection} in a local transaction of its own (committed, or rolled back on
     * failure); the caller must not be in a transaction. Read committed, so that the partitions of other stores
     * writing findings beside this store's take no gap locks from it; a deadlock that is left is retried (the
     * transaction is idempotent).
     */
    public RuleOutcome run(Connection connection, LeakRule rule) throws SQLException {
        return inTransaction(connection, () -> runOnce(connection, rule));
    }

    /** One idempotent unit of work. */
    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * {@code work} in a local transaction of its own at READ COMMITTED (committed by the work, rolled back on failure),
     * retried when MariaDB chose it as a deadlock's victim or could not give it an auto-increment value for the same
     * reason (error 1467 is how InnoDB reports a deadlock met while waiting for a table's AUTO-INC lock).
     */
    private static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        try {
            for (int attempt = 1;; attempt++) {
                try {
                    return work.run();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    boolean retryable = e instanceof SQLTransactionRollbackException
                            || (e instanceof SQLException sql && sql.getErrorCode() == AUTO_INCREMENT_READ_FAILED);
                    if (!retryable || attempt == DEADLOCK_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } finally {
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }

    private RuleOutcome runOnce(Connection connection, LeakRule rule) throws SQLException {
        String currency = currency(connection);
        byte[] token = new byte[16];
        RANDOM.nextBytes(token);
        Map<String, Object> values = values(rule, currency, token);
        execute(connection, upsert(rule), values);
        // MariaDB counts an upsert that changed a row as 2 and one that changed nothing as 0: what matched is counted apart
        int matched = count(connection, values);
        int resolved = execute(connection, RESOLVE, values);
        connection.commit();
        return new RuleOutcome(rule, matched, resolved);
    }

    /**
     * Records the store's open findings per rule as they stand now as the day of {@code asOf} (UTC) in
     * {@code leak_daily_total}, every rule a row (zeros included, so a day without findings reads as zero and not as a
     * day without analysis), replacing what an earlier analysis as of that day recorded; one local transaction at READ
     * COMMITTED (no gap locks held against the other stores' partitions), retried as a rule's is.
     */
    public void recordDailyTotals(Connection connection) throws SQLException {
        inTransaction(connection, () -> {
            Map<String, Object> values = new HashMap<>();
            values.put("workspaceId", workspaceId);
            values.put("storeId", storeId);
            values.put("day", LocalDate.ofInstant(asOf, ZoneOffset.UTC));
            values.put("currency", currency(connection));
            execute(connection, "DELETE FROM leak_daily_total WHERE workspace_id = {workspaceId} AND store_id = {storeId} AND day = {day}",
                    values);
            String rules = Arrays.stream(LeakRule.values()).map(r -> "SELECT '" + r.name() + "' AS rule_code")
                    .collect(Collectors.joining(" UNION ALL "));
            int recorded = execute(connection, "INSERT INTO leak_daily_total (workspace_id, store_id, day, rule_code, currency, open_count, "
                    + "open_amount) SELECT {workspaceId}, {storeId}, {day}, r.rule_code, {currency}, COUNT(f.id), COALESCE(SUM(f.amount), 0) "
                    + "FROM (" + rules + ") r LEFT JOIN leak_finding f ON f.workspace_id = {workspaceId} AND f.store_id = {storeId} "
                    + "AND f.status = 'OPEN' AND f.rule_code = r.rule_code GROUP BY r.rule_code", values);
            connection.commit();
            return recorded;
        });
    }

    private int count(Connection connection, Map<String, Object> values) throws SQLException {
        try (PreparedStatement select = prepare(connection, "SELECT COUNT(*) FROM leak_finding WHERE workspace_id = {workspaceId} "
                + "AND store_id = {storeId} AND rule_code = {rule} AND run_token = {token}", values);
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    private String currency(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT currency FROM store WHERE workspace_id = ? AND id = ?")) {
            select.setLong(1, workspaceId);
            select.setLong(2, storeId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalArgumentException("No store " + storeId + " in workspace " + workspaceId);
                }
                return row.getString(1);
            }
        }
    }

    private Map<String, Object> values(LeakRule rule, String currency, byte[] token) {
        Map<String, Object> values = new HashMap<>();
        values.put("workspaceId", workspaceId);
        values.put("storeId", storeId);
        values.put("rule", rule.name());
        values.put("currency", currency);
        values.put("token", token);
        values.put("asOf", utc(asOf));
        values.put("analyst", ANALYST);
        values.put("from", utc(asOf.minus(Duration.ofDays(settings.lookbackDays()))));
        values.put("unfulfilledBefore", utc(asOf.minus(Duration.ofHours(settings.unfulfilledHours()))));
        values.put("unfulfilledHours", settings.unfulfilledHours());
        values.put("staleBefore", utc(asOf.minus(Duration.ofDays(settings.stalePaymentDays()))));
        values.put("stalePaymentDays", settings.stalePaymentDays());
        values.put("minUnitsSold", settings.minUnitsSold());
        values.put("refundRate", settings.refundRate());
        Instant velocityFrom = asOf.minus(Duration.ofDays(settings.velocityDays()));
        Instant lookbackFrom = asOf.minus(Duration.ofDays(settings.lookbackDays()));
        values.put("velocityFrom", utc(velocityFrom.isAfter(lookbackFrom) ? velocityFrom : lookbackFrom));
        values.put("velocityDays", settings.velocityDays());
        values.put("minVelocity", settings.minVelocity());
        values.put("lostDays", settings.lostDays());
        values.put("freeShippingThreshold", settings.freeShippingThreshold());
        values.put("flatShippingRate", settings.flatShippingRate());
        values.put("evidenceItems", EVIDENCE_ITEMS);
        return values;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static int execute(Connection connection, String sql, Map<String, Object> values) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, values)) {
            return statement.executeUpdate();
        }
    }

    /** {@code sql} with each {@code {name}} bound to its value. */
    private static PreparedStatement prepare(Connection connection, String sql, Map<String, Object> values) throws SQLException {
        List<Object> bound = new ArrayList<>();
        Matcher names = PARAMETER.matcher(sql);
        StringBuilder text = new StringBuilder();
        while (names.find()) {
            if (!values.containsKey(names.group(1))) {
                throw new IllegalArgumentException("No value for {" + names.group(1) + "}");
            }
            bound.add(values.get(names.group(1)));
            names.appendReplacement(text, "?");
        }
        names.appendTail(text);
        PreparedStatement statement = connection.prepareStatement(text.toString());
        for (int i = 0; i < bound.size(); i++) {
            statement.setObject(i + 1, bound.get(i));
        }
        return statement;
    }

    private static String upsert(LeakRule rule) {
        return "INSERT INTO leak_finding (workspace_id, store_id, rule_code, subject, amount, currency, evidence, first_seen_at, "
                + "last_seen_at, status, run_token) SELECT {workspaceId}, {storeId}, {rule}, m.subject, " + amount(rule)
                + ", {currency}, m.evidence, {asOf}, {asOf}, 'OPEN', {token} FROM (" + RuleQueries.matches(rule) + ") m "
                + "ON DUPLICATE KEY UPDATE "
                // assignments apply left to right: the status columns read the old status and amount before they change
                + "status_changed_by = IF(" + REOPENS + ", {analyst}, status_changed_by), "
                + "status_changed_at = IF(" + REOPENS + ", {asOf}, status_changed_at), "
                + "status_reason = IF(" + REOPENS + ", IF(status = 'RESOLVED', 'matches again', "
                + "CONCAT('amount changed from ', amount, ' to ', VALUES(amount))), status_reason), "
                + "status = IF(" + REOPENS + ", 'OPEN', status), "
                + "amount = VALUES(amount), currency = VALUES(currency), evidence = VALUES(evidence), "
                + "first_seen_at = LEAST(first_seen_at, VALUES(first_seen_at)), "
                + "last_seen_at = GREATEST(last_seen_at, VALUES(last_seen_at)), run_token = VALUES(run_token)";
    }

    /** The amount of a match: the rule's exact amount rounded once to cents, half-even. */
    private static String amount(LeakRule rule) {
        if (rule == LeakRule.STOCKOUT) {
            // units x price x lostDays / velocityDays as one rational: cents = floor(n / d), then half-even on the remainder
            String n = "(m.units * m.price * {lostDays} * 100)";
            String d = "{velocityDays}";
            String q = "((" + n + " - MOD(" + n + ", " + d + ")) / " + d + ")";
            return "(" + q + " + IF(2 * MOD(" + n + ", " + d + ") > " + d + " OR (2 * MOD(" + n + ", " + d + ") = " + d
                    + " AND MOD(" + q + ", 2) = 1), 1, 0)) / 100";
        }
        return "IF(ABS(m.exact * 100 - TRUNCATE(m.exact * 100, 0)) = 0.5 AND MOD(TRUNCATE(m.exact * 100, 0), 2) = 0, "
                + "TRUNCATE(m.exact, 2), ROUND(m.exact, 2))";
    }

    private static final String REOPENS = "(status = 'RESOLVED' OR (status = 'DISMISSED' AND amount <> VALUES(amount)))";

    private static final String RESOLVE = "UPDATE leak_finding SET status_changed_by = {analyst}, status_changed_at = {asOf}, "
            + "status_reason = 'no longer matches', status = 'RESOLVED' WHERE workspace_id = {workspaceId} AND store_id = {storeId} "
            + "AND rule_code = {rule} AND status IN ('OPEN', 'ACKNOWLEDGED') AND run_token <> {token}";
}
