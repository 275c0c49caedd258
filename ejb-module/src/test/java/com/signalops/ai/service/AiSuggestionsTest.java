package com.signalops.ai.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.ai.domain.AiExchange;
import com.signalops.ai.domain.ChatCompletionsProvider;
import com.signalops.ai.domain.FakeModelServer;
import com.signalops.ai.domain.ModelEndpoint;
import com.signalops.ai.domain.ModelFailure;
import com.signalops.ai.domain.ModelProvider;
import com.signalops.approvals.domain.ApprovalRequest;
import com.signalops.approvals.domain.ApprovalStatus;
import com.signalops.approvals.domain.Person;
import com.signalops.approvals.domain.ProposalSource;
import com.signalops.approvals.domain.SubjectKind;
import com.signalops.approvals.service.Approvals;
import com.signalops.identity.domain.BuiltInRole;
import com.signalops.identity.domain.ScopeType;
import com.signalops.identity.domain.SignedIn;
import com.signalops.outreach.domain.Campaign;
import com.signalops.outreach.domain.Segment;
import com.signalops.outreach.domain.SegmentKind;
import com.signalops.shared.BusinessException;
import com.signalops.shared.ForbiddenException;
import com.signalops.shared.NotFoundException;
import com.signalops.testing.AuditRows;
import com.signalops.testing.JpaTestDatabase;
import com.signalops.testing.WorkspaceBuilder;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AI suggestions against a real MariaDB and a fake model provider on 127.0.0.1: a suggestion lands as a PENDING
 * approval request of source AI for a campaign and segment of source AI, the shop's domain restored in the draft and
 * never sent; the model is asked with no transaction of this database open; the exchange keeps bounded previews and
 * hashes; a failed or invalid answer is a FAILED exchange and nothing else; with the workspace's AI off, no provider
 * configured, a missing right or a finding out of scope, the model is never called.
 */
class AiSuggestionsTest {

    private static JpaTestDatabase db;
    private static FakeModelServer fake;
    private static final List<Long> openTransactionsDuringCalls = new CopyOnWriteArrayList<>();
    private WorkspaceBuilder workspace;
    private String shop;
    private long store;
    private long otherStore;
    private long finding;
    private Person manager;
    private Person admin;
    private long nextId = 1;

    @BeforeAll
    static void start() throws Exception {
        db = JpaTestDatabase.start("signalops_ai_suggestions");
        fake = FakeModelServer.start();
    }

    @AfterAll
    static void stop() {
        fake.close();
        db.close();
    }

    @BeforeEach
    void workspace() {
        fake.forget();
        openTransactionsDuringCalls.clear();
        workspace = WorkspaceBuilder.workspace(db, "AI " + System.nanoTime());
        store = workspace.store("AI-" + (nextId++), null);
        otherStore = workspace.store("AI-" + (nextId++), null);
        shop = "velvet-kiosk-" + System.nanoTime() + ".myshopify.com";
        db.withoutWorkspace(em -> em.createNativeQuery("UPDATE store SET shop_domain = ? WHERE id = ?").setParameter(1, shop)
                .setParameter(2, store).executeUpdate());
        manager = person(BuiltInRole.MANAGER, "manager", ScopeType.WORKSPACE, null);
        admin = person(BuiltInRole.ADMIN, "admin", ScopeType.WORKSPACE, null);
        customerWithLateOrder(store, 11, 5011, "SUBSCRIBED");
        finding = finding(store, 5011);
        answering("{\"segment\":{\"kind\":\"FINDING_CUSTOMERS\",\"findingId\":" + finding + "},\"subject\":\"Your order from SHOP_1 is on its way\","
                + "\"body\":\"Thank you for your patience. SHOP_1 is shipping your order this week.\"}");
    }

    @Test
    void aSuggestionLandsAsAPendingApprovalRequestOfSourceAi() {
        aiEnabled(true);
        AiSuggestions.Suggestion suggestion = suggestions(true).suggest(manager, finding);

        ApprovalRequest request = db.inWorkspace(workspace.id(), em -> em.find(ApprovalRequest.class, suggestion.approvalRequestId()));
        assertEquals(ApprovalStatus.PENDING, request.status());
        assertEquals(ProposalSource.AI, request.source());
        assertEquals(SubjectKind.CAMPAIGN, request.subjectKind());
        assertEquals(suggestion.campaignId(), request.subjectId());
        assertEquals(manager.userId(), request.requestedBy());
        assertEquals(1, request.recipientCount());
        Campaign campaign = db.inWorkspace(workspace.id(), em -> em.find(Campaign.class, suggestion.campaignId()));
        assertEquals(ProposalSource.AI, campaign.source());
        assertEquals(finding, campaign.findingId());
        assertEquals("Your order from " + shop + " is on its way", campaign.subject());
        assertEquals("Thank you for your patience. " + shop + " is shipping your order this week.", campaign.body());
        Segment segment = db.inWorkspace(workspace.id(), em -> em.find(Segment.class, suggestion.segmentId()));
        assertEquals(ProposalSource.AI, segment.source());
        assertEquals(SegmentKind.FINDING_CUSTOMERS, segment.definition().kind());

        // what left: references, never the shop's domain or the order's id; no transaction open while the model answered
        assertEquals(1, fake.received().size());
        String sent = fake.received().get(0).body();
        assertFalse(sent.contains(shop) || sent.contains("5011"), sent);
        assertTrue(sent.contains("SHOP_1") && sent.contains("ORDER_1"), sent);
        assertEquals(List.of(0L), openTransactionsDuringCalls);
        assertEquals(1L, (long) db.withoutWorkspace(em -> {
            em.createNativeQuery("UPDATE outreach_setting SET ai_enabled = ai_enabled WHERE workspace_id = ?").setParameter(1, workspace.id())
                    .executeUpdate();
            return openTransactions();
        }), "the probe sees a transaction that is open");

        AiExchange exchange = db.inWorkspace(workspace.id(), em -> em.find(AiExchange.class, suggestion.exchangeId()));
        assertEquals(AiExchange.Status.PROPOSED, exchange.status());
        assertEquals(suggestion.campaignId(), exchange.campaignId());
        assertEquals(suggestion.approvalRequestId(), exchange.approvalRequestId());
        assertEquals("fake-model", exchange.model());
        assertTrue(exchange.requestPreview().length() <= AiExchange.PREVIEW_LENGTH);
        assertTrue(exchange.requestPreview().contains("SHOP_1") && !exchange.requestPreview().contains(shop), exchange.requestPreview());
        assertTrue(exchange.responsePreview().contains("SHOP_1") && !exchange.responsePreview().contains(shop), exchange.responsePreview());
        assertEquals(32, exchange.requestHash().length);
        assertEquals(32, exchange.responseHash().length);

        List<String> records = AuditRows.records(db, workspace.id());
        assertTrue(records.contains("ai.suggest ai_exchange:" + exchange.id() + " SUCCESS by " + manager.userId()), records.toString());
        assertTrue(records.contains("approval.request approval_request:" + request.id() + " SUCCESS by " + manager.userId()), records.toString());
        String details = auditDetails(exchange.id());
        assertFalse(details.contains(shop) || details.contains("patience") || details.contains("SHOP_1"), details);

        // only a person approves it, and never the one who asked the AI
        assertEquals("approval.self-approval", assertThrows(ForbiddenException.class,
                () -> db.call(Approvals::new, a -> a.approve(manager, request.id()))).code());
        assertEquals(ApprovalStatus.APPROVED, db.call(Approvals::new, a -> a.approve(admin, request.id())).status());
    }

    @Test
    void withAiOffNoProviderOrNoRightTheModelIsNeverCalled() {
        assertEquals("ai.off", assertThrows(BusinessException.class, () -> suggestions(true).suggest(manager, finding)).code());
        aiEnabled(false);
        assertEquals("ai.off", assertThrows(BusinessException.class, () -> suggestions(true).suggest(manager, finding)).code());
        aiEnabled(true);
        assertEquals("ai.not-configured", assertThrows(BusinessException.class, () -> suggestions(false).suggest(manager, finding)).code());

        Person viewer = person(BuiltInRole.REP, "rep", ScopeType.WORKSPACE, null);
        assertEquals("ai.not-allowed", assertThrows(ForbiddenException.class, () -> suggestions(true).suggest(viewer, finding)).code());
        Person otherStoreManager = person(BuiltInRole.MANAGER, "other", ScopeType.STORE, otherStore);
        assertThrows(NotFoundException.class, () -> suggestions(true).suggest(otherStoreManager, finding));

        assertEquals(List.of(), fake.received());
        assertEquals(0L, count("SELECT COUNT(*) FROM ai_exchange WHERE workspace_id = " + workspace.id()));
        assertEquals(0L, count("SELECT COUNT(*) FROM campaign WHERE workspace_id = " + workspace.id()));
        assertTrue(AuditRows.records(db, workspace.id()).contains("ai.suggest leak_finding:" + finding + " DENIED by " + viewer.userId()),
                AuditRows.records(db, workspace.id()).toString());
    }

    @Test
    void aFailedCallOrAnInvalidAnswerIsRecordedAsFailedAndProposesNothing() {
        aiEnabled(true);
        fake.answering(r -> new FakeModelServer.Answer(500, "{\"error\":\"down\"}", 0));
        ModelFailure down = assertThrows(ModelFailure.class, () -> suggestions(true).suggest(manager, finding));
        assertEquals("the model provider answered HTTP 500", down.getMessage());

        answering("{\"segment\":{\"kind\":\"FINDING_CUSTOMERS\",\"findingId\":" + finding + "},\"subject\":\"Hello EMAIL_1\",\"body\":\"B\"}");
        assertThrows(ModelFailure.class, () -> suggestions(true).suggest(manager, finding));
        answering("{\"segment\":{\"kind\":\"FINDING_CUSTOMERS\",\"findingId\":" + finding + "},\"subject\":\"News from SHOP_7\",\"body\":\"B\"}");
        assertEquals("the answer names SHOP_7, which was not given to the model",
                assertThrows(ModelFailure.class, () -> suggestions(true).suggest(manager, finding)).getMessage());

        List<AiExchange> exchanges = db.inWorkspace(workspace.id(), em -> em.createNamedQuery("AiExchange.findByStore", AiExchange.class)
                .setParameter("storeId", store).getResultList());
        assertEquals(3, exchanges.size());
        assertTrue(exchanges.stream().allMatch(x -> x.status() == AiExchange.Status.FAILED && x.campaignId() == null));
        AiExchange first = exchanges.get(2);
        assertEquals("the model provider answered HTTP 500", first.failure());
        assertNull(first.responsePreview());
        assertEquals("the answer names SHOP_7, which was not given to the model", exchanges.get(0).failure());
        assertEquals(0L, count("SELECT COUNT(*) FROM campaign WHERE workspace_id = " + workspace.id()));
        assertEquals(0L, count("SELECT COUNT(*) FROM segment WHERE workspace_id = " + workspace.id()));
        assertEquals(0L, count("SELECT COUNT(*) FROM approval_request WHERE workspace_id = " + workspace.id()));
        assertEquals(3, AuditRows.records(db, workspace.id()).stream().filter(r -> r.startsWith("ai.suggest ai_exchange:") && r.contains(" FAILED "))
                .count(), AuditRows.records(db, workspace.id()).toString());
    }

    private AiSuggestions suggestions(boolean providerConfigured) {
        AiSuggestions suggestions = new AiSuggestions();
        ModelProvider provider = new ChatCompletionsProvider(ModelEndpoint.configured(fake.baseUrl(), "sk-test", "fake-model").orElseThrow());
        suggestions.use(new OwnTransactionSteps(), () -> providerConfigured ? Optional.of(provider) : Optional.empty());
        return suggestions;
    }

    /** The steps as the container runs them for a caller without a transaction: each in one of its own. */
    private static final class OwnTransactionSteps extends AiSuggestionSteps {

        @Override
        public Prepared prepare(Person who, long findingId, boolean providerConfigured) {
            return db.call(AiSuggestionSteps::new, s -> s.prepare(who, findingId, providerConfigured));
        }

        @Override
        public AiSuggestions.Suggestion propose(Person who, Prepared prepared, String model, String answer,
                com.signalops.ai.domain.SuggestionAnswer proposal) {
            return db.call(AiSuggestionSteps::new, s -> s.propose(who, prepared, model, answer, proposal));
        }

        @Override
        public long failed(Person who, Prepared prepared, String model, String answer, String failure) {
            return db.call(AiSuggestionSteps::new, s -> s.failed(who, prepared, model, answer, failure));
        }
    }

    private void answering(String content) {
        fake.answering(r -> {
            openTransactionsDuringCalls.add(openTransactions());
            return FakeModelServer.Answer.completion(content);
        });
    }

    /** Transactions open now in the test database (InnoDB's list, whoever holds them). */
    private static long openTransactions() {
        try {
            // InnoDB refreshes the list it shows at most every 0.1 s
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Connection root = db.mariaDb().rootConnection("signalops_ai_suggestions"); Statement s = root.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p "
                        + "ON p.ID = t.trx_mysql_thread_id WHERE p.DB = 'signalops_ai_suggestions' AND p.ID <> CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void aiEnabled(boolean on) {
        db.withoutWorkspace(em -> em.createNativeQuery("INSERT INTO outreach_setting (workspace_id, ai_enabled) VALUES (?, ?) "
                + "ON DUPLICATE KEY UPDATE ai_enabled = VALUES(ai_enabled)").setParameter(1, workspace.id()).setParameter(2, on).executeUpdate());
    }

    private Person person(BuiltInRole role, String name, ScopeType scope, Long storeId) {
        long user = WorkspaceBuilder.account(db, name + "-" + System.nanoTime() + "@ai.test");
        if (scope == ScopeType.STORE) {
            workspace.memberOverStore(user, role.code(), storeId);
        } else {
            workspace.memberOverWorkspace(user, role.code());
        }
        return new Person(workspace.id(), user, new SignedIn.Grant(role.code(), role.code(), scope, null, storeId, role.permissions()));
    }

    private void customerWithLateOrder(long storeId, long customerId, long orderId, String consent) {
        byte[] hash = ByteBuffer.allocate(32).putLong(workspace.id()).putLong(storeId).putLong(customerId).array();
        LocalDateTime threeDaysAgo = LocalDateTime.ofInstant(Instant.now().minus(Duration.ofDays(3)), ZoneOffset.UTC);
        db.withoutWorkspace(em -> {
            em.createNativeQuery("INSERT INTO commerce_customer (workspace_id, store_id, customer_id, email_key_version, email_nonce, "
                    + "email_ciphertext, email_hash, marketing_state) VALUES (?, ?, ?, 1, ?, ?, ?, ?)").setParameter(1, workspace.id())
                    .setParameter(2, storeId).setParameter(3, customerId).setParameter(4, new byte[12]).setParameter(5, new byte[16])
                    .setParameter(6, hash).setParameter(7, consent).executeUpdate();
            return em.createNativeQuery("INSERT INTO commerce_order (workspace_id, store_id, order_id, name, created_at, test, customer_id, "
                    + "financial_status, fulfillment_status, currency, subtotal_price, total_price, total_discounts, total_shipping, "
                    + "total_refunded) VALUES (?, ?, ?, '#1001', ?, FALSE, ?, 'PAID', 'UNFULFILLED', 'USD', 10, 10, 0, 0, 0)")
                    .setParameter(1, workspace.id()).setParameter(2, storeId).setParameter(3, orderId).setParameter(4, threeDaysAgo)
                    .setParameter(5, customerId).executeUpdate();
        });
    }

    private long finding(long storeId, long orderId) {
        return db.withoutWorkspace(em -> {
            em.createNativeQuery("INSERT INTO leak_finding (workspace_id, store_id, rule_code, subject, amount, currency, evidence, "
                    + "first_seen_at, last_seen_at, status, run_token) VALUES (?, ?, 'UNFULFILLED_PAID', ?, 10.00, 'USD', ?, NOW(3), NOW(3), "
                    + "'OPEN', ?)").setParameter(1, workspace.id()).setParameter(2, storeId).setParameter(3, "order:" + orderId)
                    .setParameter(4, "{\"orders\":[" + orderId + "],\"createdAt\":\"2026-11-20T10:00:00Z\",\"unfulfilledHours\":48}")
                    .setParameter(5, new byte[16]).executeUpdate();
            return ((Number) em.createNativeQuery("SELECT MAX(id) FROM leak_finding WHERE workspace_id = ?").setParameter(1, workspace.id())
                    .getSingleResult()).longValue();
        });
    }

    private long count(String sql) {
        return db.withoutWorkspace(em -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }

    private String auditDetails(long exchangeId) {
        return db.withoutWorkspace(em -> String.valueOf(em.createNativeQuery("SELECT CONCAT(COALESCE(before_json, ''), ' ', "
                + "COALESCE(after_json, '')) FROM audit_record WHERE workspace_id = ? AND action = 'ai.suggest' AND entity_id = ?")
                .setParameter(1, workspace.id()).setParameter(2, Long.toString(exchangeId)).getSingleResult()));
    }
}
