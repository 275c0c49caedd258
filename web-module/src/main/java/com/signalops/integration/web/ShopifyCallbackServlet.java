package com.signalops.integration.web;

import com.signalops.identity.domain.Permission;
import com.signalops.identity.web.ConsoleSession;
import com.signalops.integration.domain.ConnectionActor;
import com.signalops.integration.domain.PendingAuthorization;
import com.signalops.integration.domain.ShopifyCallbackSignature;
import com.signalops.integration.domain.ShopifyGrant;
import com.signalops.integration.service.ShopifyAuthorization;
import com.signalops.integration.service.ShopifyWebhookSubscriptions;
import com.signalops.integration.service.StoreConnectionService;
import com.signalops.shared.BusinessException;
import com.signalops.tenancy.domain.Store;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /shopify/callback}: Shopify's answer to a "Connect to Shopify" of this browser
 * session. In order: a signed-in console session whose active role has {@code connections.manage};
 * the {@code state}, taken out of the session (single use, whatever follows); the {@code hmac} over
 * the other parameters (constant time); the {@code shop} a myshopify.com domain and the very shop
 * the state was issued for; then the {@code code} is exchanged server-to-server for an offline
 * token, the granted scopes must cover the requested ones, and the store is connected. Any failed
 * check connects nothing, records {@code store.connect} DENIED and a {@code shopify.oauth-refused}
 * security event, and the stores page says so. The code and the token never reach a log, an audit
 * record or the browser.
 */
@WebServlet(name = "shopify-oauth-callback", urlPatterns = ShopifyCallbackServlet.PATH)
public class ShopifyCallbackServlet extends HttpServlet {

    public static final String PATH = "/shopify/callback";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ShopifyCallbackServlet.class.getName());
    /** The parameters Shopify's callback carries; anything else is not looked at (but is covered by the hmac). */
    private static final Set<String> REQUIRED = Set.of("code", "hmac", "shop", "state", "timestamp");

    /** How far a callback's signed timestamp may lie from now (the state itself lives 10 minutes). */
    static final Duration FRESHNESS = Duration.ofMinutes(10);

    @Inject
    private ConsoleSession session;

    @Inject
    private ShopifyAuthorizationsInSession authorizations;

    @Inject
    private ShopifyAuthorization shopify;

    @EJB
    private StoreConnectionService connections;

    @EJB
    private ShopifyWebhookSubscriptions webhookSubscriptions;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (request.getUserPrincipal() == null || !session.isSignedIn() || session.isExpired(Instant.now())
                || session.getWorkspaceId() == null) {
            response.sendRedirect(request.getContextPath() + "/login.xhtml");
            return;
        }
        long workspaceId = session.getWorkspaceId();
        ConnectionActor actor = ConnectionActor.user(session.getUserId());
        Map<String, List<String>> parameters = new TreeMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
        Optional<Map<String, String>> single = ShopifyCallbackSignature.singleValued(parameters);
        // the state first: whatever the rest says, a state presented here is used up
        Optional<PendingAuthorization> pending = single.map(p -> p.get("state")).flatMap(authorizations::consume);
        Long storeId = pending.map(PendingAuthorization::storeId).orElse(null);
        String claimedShop = single.map(p -> p.get("shop")).filter(shop -> shop.length() <= Store.SHOP_DOMAIN_LENGTH
                && Store.SHOP_DOMAIN.matcher(shop).matches()).orElse(null);
        String refusal = null;
        if (!session.may(Permission.CONNECTIONS_MANAGE)) {
            refusal = "the active role lacks connections.manage";
        } else if (single.isEmpty() || !single.get().keySet().containsAll(REQUIRED)) {
            refusal = "parameters missing or repeated";
        } else if (!shopify.isSignedByShopify(parameters)) {
            refusal = "the hmac does not match";
        } else if (!fresh(single.get().get("timestamp"), Instant.now())) {
            refusal = "the timestamp is more than " + FRESHNESS.toMinutes() + " minutes away from now";
        } else if (claimedShop == null) {
            refusal = "the shop is not a myshopify.com domain";
        } else if (pending.isEmpty()) {
            refusal = "the state is unknown to this session, used already or expired";
        } else if (pending.get().workspaceId() != workspaceId || pending.get().userId() != session.getUserId()) {
            refusal = "the state was issued in another workspace or to another user";
        } else if (!pending.get().shopDomain().equals(claimedShop)) {
            refusal = "the shop is not the store's shop " + pending.get().shopDomain();
        }
        if (refusal != null) {
            refuse(response, request, workspaceId, storeId, actor, refusal + "; shop " + (claimedShop == null ? "(invalid)" : claimedShop),
                    "refused");
            return;
        }
        PendingAuthorization authorization = pending.get();
        ShopifyGrant grant;
        try {
            grant = shopify.exchange(claimedShop, single.get().get("code"));
        } catch (BusinessException e) {
            refuse(response, request, workspaceId, storeId, actor, e.getMessage() + "; shop " + claimedShop, "failed");
            return;
        }
        Set<String> missing = shopify.app().missingScopes(grant.scopes());
        if (!missing.isEmpty()) {
            refuse(response, request, workspaceId, storeId, actor, "Shopify did not grant " + missing + "; shop " + claimedShop, "refused");
            return;
        }
        try {
            connections.connect(workspaceId, authorization.storeId(), grant.accessToken(), grant.scopes(), actor);
        } catch (BusinessException e) {
            refuse(response, request, workspaceId, storeId, actor, "not connected: " + e.code() + "; shop " + claimedShop, "failed");
            return;
        }
        // in the background, after the connection committed: a failure there leaves the store connected
        webhookSubscriptions.subscribe(workspaceId, authorization.storeId());
        response.sendRedirect(request.getContextPath() + "/stores.xhtml?shopify=connected");
    }

    /**
     * Whether Shopify's {@code timestamp} (seconds since the epoch, signed with the rest) lies
     * within {@link #FRESHNESS} of {@code now}: an old signed callback is not accepted again,
     * whatever its state says.
     */
    static boolean fresh(String timestamp, Instant now) {
        try {
            Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
            return Duration.between(signedAt, now).abs().compareTo(FRESHNESS) <= 0;
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return false;
        }
    }

    private void refuse(HttpServletResponse response, HttpServletRequest request, long workspaceId, Long storeId, ConnectionActor actor,
            String reason, String outcome) throws IOException {
        try {
            connections.refuseConnect(workspaceId, storeId, actor, reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The refusal of a Shopify authorization could not be recorded: {0}", e.getClass().getName());
        }
        response.sendRedirect(request.getContextPath() + "/stores.xhtml?shopify=" + outcome);
    }
}
