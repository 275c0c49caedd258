package com.signalops.ai.domain;

import com.signalops.leaks.domain.LeakRule;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The conversation that asks a model for a segment and an email draft from one finding: a fixed system message with the
 * answer's JSON form, and a user message with the finding and its store as JSON, every personal value already replaced
 * through the exchange's {@link Pseudonymizer}. Evidence keys that name orders, customers or discount codes take
 * references; variant ids (catalogue ids, the only ids a segment proposal may name) and figures stay; line item ids are
 * left out; any other text goes through the pseudonymizer.
 *
 * @param variants the variant ids the finding names: the only ones a {@code BOUGHT_VARIANT} proposal may use
 */
public record SuggestionPrompt(List<ChatMessage> messages, Set<Long> variants) {

    /** What each rule means, for the model. */
    private static final Map<LeakRule, String> MEANING = Map.of(
            LeakRule.UNFULFILLED_PAID, "a paid order has waited too long to be fulfilled",
            LeakRule.STALE_PAYMENT, "an order has waited too long for its payment",
            LeakRule.BELOW_COST, "a variant sold below its unit cost",
            LeakRule.DISCOUNT_CODE_REUSE, "one customer used a single-use discount code on several orders",
            LeakRule.REFUND_HEAVY_VARIANT, "a variant is refunded unusually often",
            LeakRule.STOCKOUT, "a best-selling variant is out of stock",
            LeakRule.SHIPPING_UNDERCHARGED, "an order under the free-shipping threshold was shipped free",
            LeakRule.OVER_REFUND, "an order was refunded more than it cost");

    static final String SYSTEM = """
            You help the staff of an online shop act on a revenue leak that SignalOps found. From the finding you are given, \
            propose an audience (a segment of the shop's customers) and a short, friendly marketing email to it.
            Personal data has been replaced by references such as SHOP_1, ORDER_1, CUSTOMER_1, EMAIL_1 or CODE_1. You may \
            name the shop (SHOP_n) and a discount code (CODE_n); never name or address a single customer or order, because \
            the email goes to every customer of the segment. Use no reference that is not in the finding.
            Answer with exactly one JSON object and nothing else, of this form:
            {"segment": SEGMENT, "subject": "one line, at most 200 characters", "body": "plain text, at most 4000 characters"}
            where SEGMENT is one of
            {"kind": "UNFULFILLED_PAID", "hours": H} (customers whose paid orders are unfulfilled over H hours, 1 to 8760),
            {"kind": "BOUGHT_VARIANT", "variantId": V, "days": D} (customers who bought variant V, one of the finding's \
            variants, in the last D days, 1 to 365),
            {"kind": "FINDING_CUSTOMERS", "findingId": F} (the customers affected by this finding; F is its id).
            A person reviews and approves your proposal before anything is sent.""";

    /** The conversation about {@code context}, pseudonymized through {@code pseudonymizer} (which keeps the map back). */
    public static SuggestionPrompt of(SuggestionContext context, Pseudonymizer pseudonymizer) {
        pseudonymizer.personal(Pseudonymizer.Kind.SHOP, context.shopDomain());
        context.personal().forEach(m -> pseudonymizer.personal(m.kind(), m.value()));
        Set<Long> variants = new LinkedHashSet<>();
        JsonObject evidence;
        try (JsonReader reader = Json.createReader(new StringReader(context.evidence()))) {
            evidence = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("the finding's evidence is not a JSON object");
        }
        JsonObject finding = Json.createObjectBuilder().add("id", context.findingId()).add("rule", context.rule().name())
                .add("meaning", MEANING.getOrDefault(context.rule(), context.rule().name())).add("subject", subject(context.subject(), pseudonymizer, variants))
                .add("amountAtRisk", context.amount().toPlainString()).add("currency", context.currency())
                .add("evidence", object(evidence, pseudonymizer, variants)).build();
        JsonObject store = Json.createObjectBuilder().add("code", pseudonymizer.pseudonymize(context.storeCode()))
                .add("shop", pseudonymizer.pseudonymize(context.shopDomain())).build();
        String user = Json.createObjectBuilder().add("store", store).add("finding", finding).build().toString();
        return new SuggestionPrompt(List.of(ChatMessage.system(SYSTEM), ChatMessage.user(user)), Set.copyOf(variants));
    }

    /** The whole conversation as sent: a JSON array of the messages' roles and contents. */
    public String conversation() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        messages.forEach(m -> list.add(Json.createObjectBuilder().add("role", m.role()).add("content", m.content())));
        return list.build().toString();
    }

    /** The message that carries the finding (the other is the fixed system message). */
    public String findingMessage() {
        return messages.get(messages.size() - 1).content();
    }

    /** {@code order:<id>} and {@code code:<customer's email hash>:<code>} with references; {@code variant:<id>} as it is. */
    private static String subject(String subject, Pseudonymizer p, Set<Long> variants) {
        String[] parts = subject.split(":", 3);
        return switch (parts[0]) {
            case "order" -> parts.length == 2 ? "order:" + p.reference(Pseudonymizer.Kind.ORDER, parts[1]) : p.pseudonymize(subject);
            case "variant" -> {
                if (parts.length == 2 && parts[1].matches("\\d{1,18}")) {
                    variants.add(Long.parseLong(parts[1]));
                    yield subject;
                }
                yield p.pseudonymize(subject);
            }
            case "code" -> parts.length == 3 ? "code:" + p.reference(Pseudonymizer.Kind.CUSTOMER, parts[1]) + ":"
                    + p.reference(Pseudonymizer.Kind.CODE, parts[2]) : p.pseudonymize(subject);
            default -> p.pseudonymize(subject);
        };
    }

    private static JsonObject object(JsonObject in, Pseudonymizer p, Set<Long> variants) {
        JsonObjectBuilder out = Json.createObjectBuilder();
        for (Map.Entry<String, JsonValue> member : in.entrySet()) {
            String key = member.getKey();
            switch (key) {
                case "lineItem" -> {
                    // a line's id says nothing the draft needs
                }
                case "order", "orders", "earliestOrder" -> out.add(key, referenced(member.getValue(), Pseudonymizer.Kind.ORDER, p));
                case "customer", "customers", "customerId" -> out.add(key, referenced(member.getValue(), Pseudonymizer.Kind.CUSTOMER, p));
                case "code" -> out.add(key, referenced(member.getValue(), Pseudonymizer.Kind.CODE, p));
                case "variant", "variants" -> out.add(key, variants(member.getValue(), p, variants));
                default -> out.add(p.pseudonymize(key), value(member.getValue(), p, variants));
            }
        }
        return out.build();
    }

    private static JsonValue value(JsonValue in, Pseudonymizer p, Set<Long> variants) {
        return switch (in.getValueType()) {
            case OBJECT -> object(in.asJsonObject(), p, variants);
            case ARRAY -> {
                JsonArrayBuilder out = Json.createArrayBuilder();
                in.asJsonArray().forEach(v -> out.add(value(v, p, variants)));
                yield out.build();
            }
            case STRING -> Json.createValue(p.pseudonymize(((JsonString) in).getString()));
            default -> in;
        };
    }

    /** An id, or an array of them, each replaced by its reference of {@code kind}. */
    private static JsonValue referenced(JsonValue in, Pseudonymizer.Kind kind, Pseudonymizer p) {
        return switch (in.getValueType()) {
            case ARRAY -> {
                JsonArrayBuilder out = Json.createArrayBuilder();
                in.asJsonArray().forEach(v -> out.add(referenced(v, kind, p)));
                yield out.build();
            }
            case NUMBER -> Json.createValue(p.reference(kind, ((JsonNumber) in).toString()));
            case STRING -> Json.createValue(p.reference(kind, ((JsonString) in).getString()));
            case NULL -> in;
            default -> Json.createValue(p.reference(kind, in.toString()));
        };
    }

    /** Variant ids kept (and collected); anything else in their place pseudonymized. */
    private static JsonValue variants(JsonValue in, Pseudonymizer p, Set<Long> variants) {
        if (in instanceof JsonNumber number && number.isIntegral()) {
            variants.add(number.longValue());
            return in;
        }
        if (in instanceof JsonArray array) {
            JsonArrayBuilder out = Json.createArrayBuilder();
            array.forEach(v -> out.add(variants(v, p, variants)));
            return out.build();
        }
        return value(in, p, variants);
    }
}
