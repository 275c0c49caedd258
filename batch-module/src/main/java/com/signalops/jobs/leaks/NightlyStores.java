package com.signalops.jobs.leaks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The stores a nightly run analyses: every store with orders whose night is due in its own time zone. A store's
 * night of local date D is due from 03:30 local on D; at an earlier local hour the night due is the previous date's,
 * so a night missed while the server was down is analysed when it is back, once. Each store's night is claimed in
 * {@code leak_nightly_run} by the job instance (the first claim wins; a restart of that instance finds its claims).
 */
final class NightlyStores {

    /** When a store's night begins to be due, in its own time zone. */
    static final LocalTime NIGHTLY_AT = LocalTime.of(3, 30);

    private NightlyStores() {
    }

    /** The night of {@code zone} due at {@code asOf}. */
    static LocalDate dueNight(Instant asOf, ZoneId zone) {
        ZonedDateTime local = asOf.atZone(zone);
        return local.toLocalTime().isBefore(NIGHTLY_AT) ? local.toLocalDate().minusDays(1) : local.toLocalDate();
    }

    /** Claims, for job instance {@code instanceId}, the due nights of stores with orders; answers (workspace, store) of those it holds. */
    static List<long[]> claim(Connection connection, Instant asOf, long instanceId) throws SQLException {
        List<long[]> stores = new ArrayList<>();
        List<ZoneId> zones = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT s.workspace_id, s.id, s.timezone FROM store s WHERE EXISTS "
                + "(SELECT 1 FROM commerce_order o WHERE o.workspace_id = s.workspace_id AND o.store_id = s.id) ORDER BY s.workspace_id, s.id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                stores.add(new long[] {rows.getLong(1), rows.getLong(2)});
                zones.add(zone(rows.getString(3)));
            }
        }
        List<long[]> claimed = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement("INSERT IGNORE INTO leak_nightly_run (workspace_id, store_id, "
                + "local_date, job_instance_id, claimed_at) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement holder = connection.prepareStatement("SELECT job_instance_id FROM leak_nightly_run WHERE workspace_id = ? "
                        + "AND store_id = ? AND local_date = ?")) {
            for (int i = 0; i < stores.size(); i++) {
                long[] store = stores.get(i);
                LocalDate night = dueNight(asOf, zones.get(i));
                insert.setLong(1, store[0]);
                insert.setLong(2, store[1]);
                insert.setObject(3, night);
                insert.setLong(4, instanceId);
                insert.setObject(5, LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
                insert.executeUpdate();
                holder.setLong(1, store[0]);
                holder.setLong(2, store[1]);
                holder.setObject(3, night);
                try (ResultSet row = holder.executeQuery()) {
                    if (row.next() && row.getLong(1) == instanceId) {
                        claimed.add(store);
                    }
                }
            }
        }
        return claimed;
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException | NullPointerException e) {
            return ZoneOffset.UTC;
        }
    }
}
