package com.signalops.integration.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.commerce.domain.CommerceTables;
import com.signalops.commerce.domain.CustomerEmails;
import com.signalops.commerce.domain.ImportLine;
import com.signalops.commerce.domain.ImportLine.ProductLine;
import com.signalops.commerce.domain.ImportLine.VariantLine;
import com.signalops.commerce.domain.WebhookSamples;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.integration.domain.CredentialVault;
import com.signalops.integration.domain.ShopifyTopic;
import com.signalops.integration.domain.ShopifyWebhook;
import com.signalops.integration.domain.VaultTestKeys;
import com.signalops.testing.AuditRows;
import com.signalops.testing.JpaTestDatabase;
import com.signalops.testing.WorkspaceBuilder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The inbox's data topics processed against a real MariaDB, from Shopify's example payloads:
 * what each changes in the store's commerce tables, that an older delivery never overwrites a
 * newer state, that app/uninstalled disconnects the store with its 48-hour deletion deadline, and
 * that no email of a payload reaches a table in clear.
 */
class WebhookHandlingTest {

    private static final long ORDER = 820982911946154508L;
    private static final long PRODUCT = 788032119674292922L;
    private static final long INVENTORY_ITEM = 271878346596884015L;
    private static final byte[] HASH_KEY = new byte[32];

    private static JpaTestDatabase db;
    private static CredentialVault vault;

    @BeforeAll
    static void start() throws SQLException {
        db = JpaTestDatabase.start("signalops_webhook_handling");
        vault = CredentialVault.of(VaultTestKeys.entry(1));
        new SecureRandom().nextBytes(HASH_KEY);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void anOrderCreatedIsStoredWithItsLineItemsAndItsEmailOnlyAsTheKeyedHash() {
        Shop shop = connectedShop("Orders Create");

        deliver(shop, ShopifyTopic.ORDERS_CREATE, WebhookSamples.ORDERS_CREATE.bytes());
        processDue();

        Object[] order = row(shop, "SELECT name, created_at, cancelled_at, test, email_hash, customer_id, financial_status, "
                + "fulfillment_status, currency, subtotal_price, total_price, total_discounts, total_shipping, total_refunded, import_id, "
                + "source_updated_at FROM commerce_order WHERE workspace_id = ? AND store_id = ? AND order_id = " + ORDER);
        assertEquals("#9999", order[0]);
        assertEquals(Timestamp.valueOf("2022-01-01 00:00:00"), order[1]);
        assertEquals(Timestamp.valueOf("2022-01-01 00:00:00"), order[2]);
        assertEquals(Boolean.TRUE, order[3]);
        assertArrayEquals(emails().hash("jon@example.com").orElseThrow(), (byte[]) order[4]);
        assertEquals(115310627314723954L, ((Number) order[5]).longValue());
        assertEquals(List.of("VOIDED", "PENDING", "USD"), List.of(order[6], order[7], order[8]));
        assertEquals(List.of(new BigDecimal("388.0000"), new BigDecimal("388.0000"), new BigDecimal("20.0000"), new BigDecimal("10.0000"),
                new BigDecimal("0.0000")), List.of(order[9], order[10], order[11], order[12], order[13]));
        assertNull(order[14], "a webhook's change belongs to no import");
        assertEquals(Timestamp.valueOf("2022-01-01 00:00:00"), order[15]);
        assertEquals(List.of("866550311766439020 IPOD2008PINK 1 808950810 199.0000 199.0000",
                "141249953214522974 IPOD2008PINK 1 808950810 199.0000 199.0000"), lineItems(shop));
        assertEquals("PROCESSED", deliveryStatus(shop));
        assertNoPersonalDataInClear(shop);
    }

    @Test
    void anOlderOrderUpdateNeverOverwritesANewerState() {
        Shop shop = connectedShop("Orders Order");
        deliver(shop, ShopifyTopic.ORDERS_UPDATED, order("2022-01-02T10:00:00Z", "paid", "fulfilled"));
        deliver(shop, ShopifyTopic.ORDERS_UPDATED, order("2022-01-02T09:00:00Z", "pending", null));
        processDue();

        assertEquals(List.of("PAID", "FULFILLED", Timestamp.valueOf("2022-01-02 10:00:00")), List.of(row(shop,
                "SELECT financial_status, fulfillment_status, source_updated_at FROM commerce_order WHERE workspace_id = ? AND store_id = ?")));

        deliver(shop, ShopifyTopic.ORDERS_UPDATED, order("2022-01-02T11:00:00Z", "partially_refunded", "partial"));
        processDue();
        assertEquals(List.of("PARTIALLY_REFUNDED", "PARTIALLY_FULFILLED"), List.of(row(shop,
                "SELECT financial_status, fulfillment_status FROM commerce_order WHERE workspace_id = ? AND store_id = ?")));
    }

    @Test
    void aRefundIsAddedToItsOrderAndAnOrderVersionFromBeforeItKeepsIt() {
        Shop shop = connectedShop("Refunds");
        deliver(shop, ShopifyTopic.ORDERS_CREATE, WebhookSamples.ORDERS_CREATE.bytes());
        processDue();

        deliver(shop, ShopifyTopic.REFUNDS_CREATE, WebhookSamples.REFUNDS_CREATE.bytes());
        processDue();

        assertEquals(List.of("890088186047892319 199.0000 2022-01-01 00:00:00.000"), rows(shop, "SELECT CONCAT(refund_id, ' ', "
                + "total_refunded, ' ', created_at) FROM commerce_refund WHERE workspace_id = ? AND store_id = ? AND order_id = " + ORDER));
        assertEquals(List.of("0 487817672276298554 1"), rows(shop, "SELECT CONCAT(position, ' ', line_item_id, ' ', quantity) "
                + "FROM commerce_refund_line WHERE workspace_id = ? AND store_id = ?"));
        assertEquals(new BigDecimal("199.0000"), row(shop, "SELECT total_refunded FROM commerce_order WHERE workspace_id = ? AND store_id = ?")[0]);

        // the sample order's own version is as old as the refund: delivered late, it does not drop the refund
        deliver(shop, ShopifyTopic.ORDERS_UPDATED, order("2021-12-31T23:59:00Z", "paid", null));
        processDue();
        assertEquals(1, rows(shop, "SELECT refund_id FROM commerce_refund WHERE workspace_id = ? AND store_id = ?").size());
        assertNoPersonalDataInClear(shop);
    }

    @Test
    void aRefundOfAnOrderNotKnownYetWaitsForARetry() {
        Shop shop = connectedShop("Refund First");

        deliver(shop, ShopifyTopic.REFUNDS_CREATE, WebhookSamples.REFUNDS_CREATE.bytes());
        processDue();

        assertEquals(List.of("RECEIVED", 1, "IllegalStateException: the refund's order is not known yet"), List.of(row(shop,
                "SELECT status, attempts, last_error FROM webhook_inbox WHERE workspace_id = ? AND store_id = ?")));
        assertTrue(rows(shop, "SELECT refund_id FROM commerce_refund WHERE workspace_id = ? AND store_id = ?").isEmpty());
    }

    @Test
    void aProductUpdateKeepsTheKnownCostAndAnOlderOneChangesNothing() throws SQLException {
        Shop shop = connectedShop("Products");
        imported(shop, new ProductLine(PRODUCT, "Old title", "DRAFT", Instant.parse("2021-12-01T00:00:00Z")),
                new VariantLine(642667041472713922L, PRODUCT, "old-s", new BigDecimal("18.00"), 3, 3001L, true, new BigDecimal("9.50"), "USD"));

        deliver(shop, ShopifyTopic.PRODUCTS_UPDATE, WebhookSamples.PRODUCTS_UPDATE.bytes());
        processDue();

        assertEquals(List.of("Example T-Shirt", "ACTIVE", Timestamp.valueOf("2022-01-01 00:00:00")), List.of(row(shop,
                "SELECT title, status, updated_at FROM commerce_product WHERE workspace_id = ? AND store_id = ?")));
        assertEquals(List.of("642667041472713922 example-shirt-s 19.9900 75 3001 1 9.5000 USD",
                "757650484644203962 example-shirt-m 19.9900 50 - - - -"), variants(shop));

        deliver(shop, ShopifyTopic.PRODUCTS_UPDATE, WebhookSamples.PRODUCTS_UPDATE.with(p -> p.add("title", "Stale").add("updated_at",
                "2021-12-31T18:00:00-05:00")));
        processDue();
        assertEquals("Example T-Shirt", row(shop, "SELECT title FROM commerce_product WHERE workspace_id = ? AND store_id = ?")[0]);
    }

    @Test
    void aProductDeletedGoesWithItsVariants() throws SQLException {
        Shop shop = connectedShop("Deletes");
        imported(shop, new ProductLine(PRODUCT, "Tee", "ACTIVE", null), new VariantLine(1L, PRODUCT, "a", BigDecimal.ONE, 1, null, null,
                null, null), new ProductLine(5L, "Other", "ACTIVE", null), new VariantLine(2L, 5L, "b", BigDecimal.ONE, 1, null, null, null,
                        null));

        deliver(shop, ShopifyTopic.PRODUCTS_DELETE, WebhookSamples.PRODUCTS_DELETE.bytes());
        processDue();

        assertEquals(List.of("5"), rows(shop, "SELECT product_id FROM commerce_product WHERE workspace_id = ? AND store_id = ?"));
        assertEquals(List.of("2"), rows(shop, "SELECT variant_id FROM commerce_variant WHERE workspace_id = ? AND store_id = ?"));
    }

    @Test
    void anInventoryLevelSetsTheVariantOfItsItemUnlessALaterOneWasApplied() throws SQLException {
        Shop shop = connectedShop("Inventory");
        imported(shop, new ProductLine(PRODUCT, "Tee", "ACTIVE", null), new VariantLine(1L, PRODUCT, "a", BigDecimal.ONE, 40, INVENTORY_ITEM,
                true, null, null));

        deliver(shop, ShopifyTopic.INVENTORY_LEVELS_UPDATE, WebhookSamples.INVENTORY_LEVELS_UPDATE.bytes());
        deliver(shop, ShopifyTopic.INVENTORY_LEVELS_UPDATE, WebhookSamples.INVENTORY_LEVELS_UPDATE.with(l -> l.add("available", 99)
                .add("updated_at", "2021-12-31T18:00:00-05:00")));
        processDue();

        assertEquals(List.of(6, Timestamp.valueOf("2022-01-01 00:00:00")), List.of(row(shop,
                "SELECT inventory_quantity, inventory_updated_at FROM commerce_variant WHERE workspace_id = ? AND store_id = ?")));
        assertEquals(List.of("PROCESSED", "PROCESSED"), rows(shop, "SELECT status FROM webhook_inbox WHERE workspace_id = ? AND store_id = ?"));
    }

    @Test
    void appUninstalledDisconnectsTheStoreWithTheDeletionDueIn48HoursAndLaterChangesAreIgnored() {
        Shop shop = connectedShop("Uninstall");

        deliver(shop, ShopifyTopic.APP_UNINSTALLED, WebhookSamples.APP_UNINSTALLED.bytes());
        processDue();

        Object[] connection = row(shop, "SELECT status, token_ciphertext, disconnected_at, deletion_due_at FROM store_connection "
                + "WHERE workspace_id = ? AND store_id = ?");
        assertEquals("DISCONNECTED", connection[0]);
        assertNull(connection[1], "the token is destroyed");
        assertEquals(Duration.ofHours(48), Duration.between(((Timestamp) connection[2]).toInstant(), ((Timestamp) connection[3]).toInstant()));
        assertTrue(AuditRows.records(db, shop.workspaceId()).stream().anyMatch(r -> r.startsWith("store.disconnect ")
                && r.endsWith(" SUCCESS by " + shop.domain())), AuditRows.records(db, shop.workspaceId()).toString());
        // the deletion of the store's data is opened with it, due 48 hours after the event
        Object[] deletion = row(shop, "SELECT kind, origin, status, TIMESTAMPDIFF(HOUR, received_at, due_at) FROM deletion_request "
                + "WHERE workspace_id = ? AND store_id = ?");
        assertEquals(List.of("SHOP", "APP_UNINSTALLED", "PENDING", 48L), List.of(deletion[0], deletion[1], deletion[2],
                ((Number) deletion[3]).longValue()));

        deliver(shop, ShopifyTopic.ORDERS_CREATE, WebhookSamples.ORDERS_CREATE.bytes());
        deliver(shop, ShopifyTopic.APP_UNINSTALLED, WebhookSamples.APP_UNINSTALLED.bytes());
        processDue();
        assertEquals(List.of("PROCESSED", "IGNORED", "IGNORED"), rows(shop, "SELECT status FROM webhook_inbox WHERE workspace_id = ? "
                + "AND store_id = ? ORDER BY id"));
        assertTrue(rows(shop, "SELECT order_id FROM commerce_order WHERE workspace_id = ? AND store_id = ?").isEmpty());
    }

    private record Shop(long workspaceId, long storeId, String domain) {
    }

    private static Shop connectedShop(String name) {
        WorkspaceBuilder workspace = WorkspaceBuilder.workspace(db, name);
        long store = workspace.store("S-01", null);
        db.call(() -> {
            StoreConnectionService service = new StoreConnectionService();
            service.useKeyring(new VaultKeyring(vault));
            return service;
        }, s -> s.connect(workspace.id(), store, "shpat_" + UUID.randomUUID(), List.of("read_orders"), ConnectionActor.user(1)));
        String domain = db.withoutWorkspace(em -> (String) em.createNativeQuery("SELECT shop_domain FROM store WHERE id = ?")
                .setParameter(1, store).getSingleResult());
        return new Shop(workspace.id(), store, domain);
    }

    /** A copy of Shopify's order example, not cancelled, as of {@code updatedAt}, with these REST statuses. */
    private static byte[] order(String updatedAt, String financialStatus, String fulfillmentStatus) {
        return WebhookSamples.ORDERS_CREATE.with(order -> {
            order.add("updated_at", updatedAt).addNull("cancelled_at").add("financial_status", financialStatus);
            if (fulfillmentStatus == null) {
                order.addNull("fulfillment_status");
            } else {
                order.add("fulfillment_status", fulfillmentStatus);
            }
        });
    }

    private static void deliver(Shop shop, ShopifyTopic topic, byte[] body) {
        WebhookInbox.Receipt receipt = db.call(WebhookInbox::new, inbox -> inbox.receive(ShopifyWebhook.of(UUID.randomUUID().toString(),
                topic, shop.domain(), "2025-10", null, body)));
        assertEquals(WebhookInbox.Receipt.STORED, receipt);
    }

    /** What {@link WebhookProcessor#processDue()} does, each delivery in a transaction of its own. */
    private static void processDue() {
        for (WebhookHandling.DueDelivery due : db.call(WebhookHandlingTest::handling, handling -> handling.due(50))) {
            try {
                db.call(WebhookHandlingTest::handling, handling -> {
                    handling.process(due);
                    return null;
                });
            } catch (RuntimeException e) {
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
                db.call(WebhookHandlingTest::handling, handling -> {
                    handling.attemptFailed(due.id(), error);
                    return null;
                });
            }
        }
    }

    private static WebhookHandling handling() {
        WebhookHandling handling = new WebhookHandling();
        handling.useEmails(WebhookHandlingTest::emails);
        return handling;
    }

    private static CustomerEmails emails() {
        return new CustomerEmails(vault, HASH_KEY);
    }

    /** Writes {@code lines} as an import (number 1) would. */
    private static void imported(Shop shop, ImportLine... lines) throws SQLException {
        db.withoutWorkspace(em -> {
            try {
                new CommerceTables(shop.workspaceId(), shop.storeId(), null, emails()).write(em.unwrap(Connection.class), List.of(lines));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    private static Object[] row(Shop shop, String sql) {
        return db.withoutWorkspace(em -> {
            Object result = em.createNativeQuery(sql).setParameter(1, shop.workspaceId()).setParameter(2, shop.storeId()).getSingleResult();
            return result instanceof Object[] values ? values : new Object[] {result};
        });
    }

    private static List<String> rows(Shop shop, String sql) {
        return db.withoutWorkspace(em -> em.createNativeQuery(sql).setParameter(1, shop.workspaceId()).setParameter(2, shop.storeId())
                .getResultList().stream().map(String::valueOf).toList());
    }

    private static List<String> lineItems(Shop shop) {
        return rows(shop, "SELECT CONCAT_WS(' ', line_item_id, sku, quantity, variant_id, original_unit_price, discounted_unit_price) "
                + "FROM commerce_line_item WHERE workspace_id = ? AND store_id = ? ORDER BY line_item_id DESC");
    }

    private static List<String> variants(Shop shop) {
        return rows(shop, "SELECT CONCAT_WS(' ', variant_id, sku, price, inventory_quantity, COALESCE(inventory_item_id, '-'), "
                + "COALESCE(inventory_tracked, '-'), COALESCE(unit_cost, '-'), COALESCE(cost_currency, '-')) FROM commerce_variant "
                + "WHERE workspace_id = ? AND store_id = ? ORDER BY variant_id");
    }

    private static String deliveryStatus(Shop shop) {
        return (String) row(shop, "SELECT status FROM webhook_inbox WHERE workspace_id = ? AND store_id = ?")[0];
    }

    /** No commerce table of the store holds an email, name or address of the samples in clear. */
    private static void assertNoPersonalDataInClear(Shop shop) {
        for (String table : List.of("commerce_order", "commerce_line_item", "commerce_refund", "commerce_refund_line",
                "commerce_order_discount_code", "commerce_customer", "commerce_product", "commerce_variant")) {
            List<String> values = db.withoutWorkspace(em -> {
                @SuppressWarnings("unchecked")
                List<Object> rows = em.createNativeQuery("SELECT * FROM " + table + " WHERE workspace_id = ? AND store_id = ?")
                        .setParameter(1, shop.workspaceId()).setParameter(2, shop.storeId()).getResultList();
                return rows.stream().flatMap(r -> r instanceof Object[] a ? Arrays.stream(a) : java.util.stream.Stream.of(r))
                        .map(v -> v instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) + HexFormat.of().formatHex(b)
                                : String.valueOf(v)).toList();
            });
            String joined = String.join("\n", values).toLowerCase();
            for (String personal : List.of("example.com", "jon@", "john", "smith", "shipper", "shipping street", "555-")) {
                assertFalse(joined.contains(personal), table + " holds personal data in clear: " + personal);
            }
        }
    }
}
