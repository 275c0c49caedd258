package com.signalops.integration.web;

import com.signalops.audit.domain.Severity;
import com.signalops.audit.service.AuditTrail;
import com.signalops.integration.domain.ShopifyApiSecrets;
import com.signalops.integration.domain.ShopifyTopic;
import com.signalops.integration.domain.ShopifyWebhook;
import com.signalops.integration.domain.WebhookSignature;
import com.signalops.integration.service.WebhookInbox;
import com.signalops.web.rest.Problem;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.stream.JsonParser;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * {@code POST /webhooks/shopify}: receives Shopify's webhooks within Shopify's 5 seconds. In order:
 * the body is read up to 1 MiB (413 beyond, without reading on); the {@code X-Shopify-Hmac-SHA256}
 * signature of the raw bytes is checked against the configured API secrets (401 and a
 * {@code webhook.signature-invalid} security event when missing or wrong); the body must be a
 * well-formed JSON object (400); a topic SignalOps does not subscribe to is acknowledged and
 * dropped; then the delivery is stored in the inbox, once per webhook id, and 200 answers. Errors
 * answer RFC 9457 problems. Neither the body nor a secret is ever logged.
 */
@WebServlet(name = "shopify-webhooks", urlPatterns = ShopifyWebhookServlet.PATH)
public class ShopifyWebhookServlet extends HttpServlet {

    public static final String PATH = "/webhooks/shopify";
    /** The security event of a delivery whose signature is missing or wrong. */
    public static final String SIGNATURE_INVALID = "webhook.signature-invalid";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ShopifyWebhookServlet.class.getName());

    @Inject
    private transient Config config;

    @EJB
    private transient WebhookInbox inbox;

    @EJB
    private transient AuditTrail audit;

    private transient WebhookSignature signature;
    private transient Jsonb jsonb;

    @Override
    public void init() {
        signature = WebhookSignature.of(ShopifyApiSecrets.parse(config.getOptionalValue(ShopifyApiSecrets.VARIABLE, String.class).orElse(null)));
        jsonb = JsonbBuilder.create();
        if (!signature.hasSecrets()) {
            LOG.warning(ShopifyApiSecrets.VARIABLE + " is not set: every Shopify webhook will be refused with 401");
        } else {
            LOG.log(Level.INFO, "Shopify webhooks are verified against {0} API secret(s)", signature.secretCount());
        }
    }

    @Override
    public void destroy() {
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing JSON-B", e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body;
        if (request.getContentLengthLong() > BoundedBody.WEBHOOK_LIMIT) {
            problem(response, Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "webhook.body-too-large",
                    "A webhook body may have at most " + BoundedBody.WEBHOOK_LIMIT + " bytes."));
            return;
        }
        try {
            body = BoundedBody.read(request.getInputStream(), BoundedBody.WEBHOOK_LIMIT);
        } catch (BoundedBody.TooLargeException e) {
            problem(response, Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "webhook.body-too-large",
                    "A webhook body may have at most " + BoundedBody.WEBHOOK_LIMIT + " bytes."));
            return;
        }
        String topicName = request.getHeader("X-Shopify-Topic");
        String signatureHeader = request.getHeader(WebhookSignature.HEADER);
        if (!signature.verifies(body, signatureHeader)) {
            refuseSignature(request, response, topicName, signatureHeader == null || signatureHeader.isBlank());
            return;
        }
        if (!isJsonObject(body)) {
            problem(response, Problem.of(Response.Status.BAD_REQUEST, "webhook.malformed-json", "The body is not a well-formed JSON object."));
            return;
        }
        Optional<ShopifyTopic> topic = ShopifyTopic.named(topicName);
        if (topic.isEmpty()) {
            // signed by Shopify, so a subscription of ours: a 4xx would only make Shopify retry it for hours
            LOG.log(Level.INFO, "Shopify webhook of topic {0} acknowledged and dropped: SignalOps does not process it",
                    printable(topicName));
            response.setStatus(HttpServletResponse.SC_OK);
            return;
        }
        ShopifyWebhook webhook;
        try {
            webhook = ShopifyWebhook.of(request.getHeader("X-Shopify-Webhook-Id"), topic.get(), request.getHeader("X-Shopify-Shop-Domain"),
                    request.getHeader("X-Shopify-API-Version"), request.getHeader("X-Shopify-Triggered-At"), body);
        } catch (ShopifyWebhook.MalformedWebhookException e) {
            problem(response, Problem.of(Response.Status.BAD_REQUEST, "webhook.headers-invalid", e.getMessage()));
            return;
        }
        try {
            inbox.receive(webhook);
        } catch (RuntimeException e) {
            // not stored, so not acknowledged: Shopify delivers it again
            LOG.log(Level.SEVERE, "Shopify webhook {0} ({1}) could not be stored: {2}",
                    new Object[] {webhook.webhookId(), webhook.topic().topicName(), e.getClass().getName()});
            problem(response, Problem.of(Response.Status.SERVICE_UNAVAILABLE, "webhook.not-stored",
                    "The webhook could not be stored; deliver it again later."));
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
    }

    private void refuseSignature(HttpServletRequest request, HttpServletResponse response, String topicName, boolean missing) throws IOException {
        // what the caller claims, where it has the expected shape; never the body, the signature or a secret
        String details = "Shopify webhook refused: " + (missing ? "no " + WebhookSignature.HEADER + " header" : "the signature does not match")
                + "; topic " + ShopifyTopic.named(topicName).map(ShopifyTopic::topicName).orElse("(other)")
                + ", shop " + ShopifyWebhook.plausibleShopDomain(request.getHeader("X-Shopify-Shop-Domain")).orElse("(none)")
                + ", from " + request.getRemoteAddr();
        try {
            audit.securityEvent(null, SIGNATURE_INVALID, Severity.MEDIUM, details);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The security event of a refused webhook could not be stored: {0}", e.getClass().getName());
        }
        problem(response, Problem.of(Response.Status.UNAUTHORIZED, "webhook.signature-invalid",
                "The X-Shopify-Hmac-SHA256 signature is missing or does not match the body."));
    }

    /** Whether {@code body} is one well-formed JSON object and nothing after it. */
    static boolean isJsonObject(byte[] body) {
        try (JsonParser parser = Json.createParser(new ByteArrayInputStream(body))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return false;
            }
            // every event, so that the parser checks the whole grammar, not only the brackets
            int depth = 1;
            while (depth > 0) {
                switch (parser.next()) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    default -> { }
                }
            }
            return !parser.hasNext();
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            return false;
        }
    }

    /** A header value fit for a log line: printable ASCII, at most 60 characters. */
    private static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String cleaned = value.replaceAll("[^\\x20-\\x7E]", "?");
        return cleaned.length() > 60 ? cleaned.substring(0, 60) + "..." : cleaned;
    }

    private void problem(HttpServletResponse response, Problem problem) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE.toString());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(jsonb.toJson(problem));
    }
}
