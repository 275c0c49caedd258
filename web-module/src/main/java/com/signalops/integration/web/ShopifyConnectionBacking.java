package com.signalops.integration.web;

import com.signalops.audit.domain.AuditAction;
import com.signalops.audit.web.ConsoleAudit;
import com.signalops.commerce.service.StoreImports;
import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.integration.domain.PendingAuthorization;
import com.signalops.integration.domain.ShopifyApp;
import com.signalops.integration.service.ShopifyAuthorization;
import com.signalops.integration.service.StoreConnectionService;
import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.Store;
import com.signalops.tenancy.domain.Viewer;
import com.signalops.tenancy.service.DirectoryService;
import com.signalops.web.ConsoleMessages;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The stores page's Shopify connections: each store's state, "Connect to Shopify" (sends the
 * browser to Shopify with a new single-use state of this session) and "Disconnect" (after the
 * page's confirmation), and "Import from Shopify" for a connected store (the store-import job
 * fetching its data by bulk operations). All need {@code connections.manage}; a refusal is recorded.
 */
@Named
@RequestScoped
public class ShopifyConnectionBacking {

    /** The outcomes the callback reports back to the page ({@code ?shopify=}), each with its message. */
    private static final Set<String> OUTCOMES = Set.of("connected", "refused", "failed");

    @EJB
    private DirectoryService directory;

    @EJB
    private StoreConnectionService connections;

    @EJB
    private StoreImports imports;

    @Inject
    private ShopifyAuthorization shopify;

    @Inject
    private ShopifyAuthorizationsInSession authorizations;

    @Inject
    private ConsoleSession session;

    @Inject
    private ConsoleAudit audit;

    @Inject
    private ConsoleMessages messages;

    @Inject
    private FacesContext faces;

    private final Map<Long, Boolean> connected = new HashMap<>();

    /** Whether the active role sees the connections. */
    public boolean isVisible() {
        return session.may(Permission.CONNECTIONS_VIEW) || session.may(Permission.CONNECTIONS_MANAGE);
    }

    public boolean isManageable() {
        return session.may(Permission.CONNECTIONS_MANAGE);
    }

    /** Whether {@code store} has a live connection (read once per request and store). */
    public boolean connected(Store store) {
        return connected.computeIfAbsent(store.id(), id -> connections.liveConnection(session.getWorkspaceId(), id).isPresent());
    }

    /** Sends the browser to Shopify to approve the connection of store {@code storeId}. */
    public void connect(long storeId) throws IOException {
        if (!audit.permits(Permission.CONNECTIONS_MANAGE, AuditAction.STORE_AUTHORIZE, storeId, "shopify.not-allowed")) {
            return;
        }
        ShopifyApp app = shopify.app();
        if (!app.isConfigured()) {
            messages.error("shopify.not-configured");
            return;
        }
        Store store;
        String shop;
        try {
            store = directory.store(viewer(), storeId);
            shop = Store.normaliseShopDomain(store.shopDomain());
        } catch (BusinessException | IllegalArgumentException refused) {
            audit.denied(AuditAction.STORE_AUTHORIZE, storeId);
            messages.error("shopify.store-invalid");
            return;
        }
        PendingAuthorization started = authorizations.begin(session.getWorkspaceId(), store.id(), shop, session.getUserId());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("shopDomain", shop);
        after.put("scopes", String.join(",", app.scopes()));
        after.put("expiresAt", started.expiresAt().toString());
        audit.succeeded(AuditAction.STORE_AUTHORIZE, store.id(), after);
        faces.getExternalContext().redirect(app.authorizeUri(shop, started.state()).toString());
    }

    /** Disconnects store {@code storeId}: its token is destroyed, the deletion of its data due in 48 hours. */
    public void disconnect(long storeId) {
        if (!session.may(Permission.CONNECTIONS_MANAGE)) {
            audit.deniedOn(AuditAction.STORE_DISCONNECT, "store", storeId);
            messages.error("shopify.not-allowed");
            return;
        }
        try {
            directory.store(viewer(), storeId);
            connections.disconnect(session.getWorkspaceId(), storeId, ConnectionActor.user(session.getUserId()));
            connected.clear();
            messages.info("shopify.disconnected");
        } catch (BusinessException refused) {
            audit.deniedOn(AuditAction.STORE_DISCONNECT, "store", storeId);
            messages.refused(refused, "shopify.disconnect-failed");
        }
    }

    /** Imports store {@code storeId}'s products, customers and orders from its shop: the store-import job fetches them by bulk operations. */
    public void importFromShopify(long storeId) {
        if (!session.may(Permission.CONNECTIONS_MANAGE)) {
            audit.deniedOn(AuditAction.STORE_IMPORT_START, "store", storeId);
            messages.error("shopify.not-allowed");
            return;
        }
        try {
            long importId = imports.requestFromShopify(viewer(), storeId, ConnectionActor.user(session.getUserId()));
            imports.start(session.getWorkspaceId(), importId);
            messages.info("shopify.import-started");
        } catch (BusinessException refused) {
            audit.deniedOn(AuditAction.STORE_IMPORT_START, "store", storeId);
            messages.refused(refused, "shopify.import-failed");
        }
    }

    /** The sentence of the callback's outcome when the page was opened with one ({@code ?shopify=connected}), else null. */
    public String getOutcomeMessage() {
        String outcome = faces.getExternalContext().getRequestParameterMap().get("shopify");
        return outcome != null && OUTCOMES.contains(outcome) ? messages.text("shopify." + outcome) : null;
    }

    /** Whether the callback's outcome is a success. */
    public boolean isOutcomeConnected() {
        return "connected".equals(faces.getExternalContext().getRequestParameterMap().get("shopify"));
    }

    private Viewer viewer() {
        return Viewer.of(session.getWorkspaceId(), session.getActiveRole());
    }
}
