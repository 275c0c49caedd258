package com.signalops.ai.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.leaks.domain.LeakRule;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Over generated shops, customers and orders, with a fake model provider on 127.0.0.1 that records every request it
 * receives: no email address, customer name (nor any word of it), shop domain (permanent or custom), order name or
 * customer id appears in any request body, whatever the case or the text around it; and the references the model
 * answers with are restored to the real values.
 */
class PseudonymizerProperties {

    /** Customer names of syllables no English word or JSON key of the prompt is made of. */
    private static final List<String> SYLLABLES = List.of("qa", "zu", "xo", "jy", "vex", "kaj", "qui", "zor", "jox", "yuq", "wiz", "quo");
    private static FakeModelServer fake;

    record Customer(String name, String email, long id) {
    }

    record Order(long id, String name, Customer customer) {
    }

    record Shop(String permanentDomain, String customDomain, List<Customer> customers, List<Order> orders) {
    }

    @BeforeContainer
    static void start() throws IOException {
        fake = FakeModelServer.start();
        // the model answers with every reference the finding's message it received holds, each in a sentence of its own
        fake.answering(r -> {
            StringBuilder answer = new StringBuilder("Dear team,");
            String finding = Json.createReader(new StringReader(r.body())).readObject().getJsonArray("messages").getJsonObject(1).getString("content");
            Pseudonymizer.referencesIn(finding).keySet().forEach(reference -> answer.append(" About ").append(reference).append('.'));
            return FakeModelServer.Answer.completion(answer.toString());
        });
    }

    @AfterContainer
    static void stop() {
        fake.close();
    }

    @Property(tries = 2000)
    void noPersonalValueReachesTheModelAndEveryReferenceComesBack(@ForAll("shops") Shop shop, @ForAll("casing") boolean shout) {
        fake.forget();
        Pseudonymizer pseudonymizer = new Pseudonymizer();
        SuggestionPrompt prompt = SuggestionPrompt.of(context(shop, shout), pseudonymizer);
        ModelProvider provider = new ChatCompletionsProvider(ModelEndpoint.configured(fake.baseUrl(), "k", "fake").orElseThrow());

        String answer = provider.complete(prompt.messages());

        assertEquals(1, fake.received().size());
        String sent = fake.received().get(0).body();
        String sentLower = sent.toLowerCase(Locale.ROOT);
        for (String personal : personalValues(shop)) {
            assertFalse(sentLower.contains(personal.toLowerCase(Locale.ROOT)), () -> "'" + personal + "' reached the model: " + sent);
        }
        String restored = pseudonymizer.restore(answer);
        Map<String, Pseudonymizer.Kind> references = Pseudonymizer.referencesIn(answer);
        assertFalse(references.isEmpty());
        for (String reference : references.keySet()) {
            String value = pseudonymizer.valueOf(reference).orElseThrow();
            assertTrue(restored.contains(" About " + value + "."), () -> reference + " was not restored to " + value + ": " + restored);
        }
        assertTrue(Pseudonymizer.referencesIn(restored).isEmpty() || personalValues(shop).stream().anyMatch(v -> v.matches(".*[A-Z]+_\\d+.*")),
                "references left in " + restored);
        for (Customer customer : shop.customers()) {
            assertTrue(restored.toLowerCase(Locale.ROOT).contains(customer.email().toLowerCase(Locale.ROOT)), "email restored");
        }
        for (Order order : shop.orders()) {
            assertTrue(restored.contains(order.name()), "order name restored");
        }
        assertTrue(restored.toLowerCase(Locale.ROOT).contains(shop.permanentDomain()), "shop domain restored");
    }

    /** The finding's context as the analysis and a careless note could write it, every value placed in text. */
    private static SuggestionContext context(Shop shop, boolean shout) {
        JsonArrayBuilder orders = Json.createArrayBuilder();
        JsonArrayBuilder notes = Json.createArrayBuilder();
        for (Order order : shop.orders()) {
            orders.add(order.id());
            Customer c = order.customer();
            String email = shout ? c.email().toUpperCase(Locale.ROOT) : c.email();
            String domain = shout ? shop.permanentDomain().toUpperCase(Locale.ROOT) : shop.permanentDomain();
            notes.add("Customer " + c.name() + " <" + email + "> (gid://shopify/Customer/" + c.id() + ") placed " + order.name()
                    + " on " + domain + ", see https://" + shop.customDomain() + "/orders/" + order.name().substring(1) + "?c=" + c.id());
            notes.add(c.name().split(" ")[0] + " wrote: 'it's " + c.name().split(" ")[1].toLowerCase(Locale.ROOT) + " here, "
                    + "order(" + order.name() + ")'; gid://shopify/Order/" + order.id());
        }
        String evidence = Json.createObjectBuilder().add("orders", orders).add("order", shop.orders().get(0).id())
                .add("notes", notes).add("unfulfilledHours", 48).add("lineItem", 991).build().toString();
        List<SuggestionContext.Marked> personal = new ArrayList<>();
        personal.add(new SuggestionContext.Marked(Pseudonymizer.Kind.SHOP, shop.customDomain()));
        for (Customer c : shop.customers()) {
            personal.add(new SuggestionContext.Marked(Pseudonymizer.Kind.NAME, c.name()));
            personal.add(new SuggestionContext.Marked(Pseudonymizer.Kind.CUSTOMER, Long.toString(c.id())));
        }
        return new SuggestionContext(7, LeakRule.UNFULFILLED_PAID, "order:" + shop.orders().get(0).id(), new BigDecimal("129.90"), "EUR",
                evidence, "A-01 " + shop.permanentDomain(), shop.permanentDomain(), personal);
    }

    private static List<String> personalValues(Shop shop) {
        List<String> values = new ArrayList<>(List.of(shop.permanentDomain(), shop.customDomain()));
        for (Customer c : shop.customers()) {
            values.add(c.email());
            values.add(c.name());
            values.addAll(List.of(c.name().split(" ")));
            values.add("gid://shopify/Customer/" + c.id());
            values.add(Long.toString(c.id()));
        }
        for (Order o : shop.orders()) {
            values.add(o.name());
            values.add(Long.toString(o.id()));
        }
        return values;
    }

    @Provide
    Arbitrary<Boolean> casing() {
        return Arbitraries.of(true, false);
    }

    @Provide
    Arbitrary<Shop> shops() {
        Arbitrary<String> handle = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(3).ofMaxLength(20)
                .filter(s -> Character.isLetterOrDigit(s.charAt(0)) && !s.endsWith("-"));
        Arbitrary<String> tld = Arbitraries.of("com", "de", "co.uk", "shop", "store");
        return Combinators.combine(handle, handle, tld, customers().list().ofMinSize(1).ofMaxSize(4), Arbitraries.integers().between(1000, 99000),
                Arbitraries.longs().between(4_000_000_000_000L, 6_999_999_999_999L)).as((permanent, custom, suffix, customers, firstOrder, orderBase) -> {
                    List<Order> orders = new ArrayList<>();
                    for (int i = 0; i < customers.size(); i++) {
                        orders.add(new Order(orderBase + i * 7919L, "#" + (firstOrder + i), customers.get(i)));
                    }
                    return new Shop(permanent + ".myshopify.com", "shop-" + custom + "." + suffix, customers, orders);
                }).filter(s -> distinct(s));
    }

    private static boolean distinct(Shop shop) {
        // two customers of one shop with the same email or id are one customer
        return shop.customers().stream().map(c -> c.email().toLowerCase(Locale.ROOT)).distinct().count() == shop.customers().size()
                && shop.customers().stream().map(Customer::id).distinct().count() == shop.customers().size();
    }

    private Arbitrary<Customer> customers() {
        Arbitrary<String> word = Arbitraries.of(SYLLABLES).list().ofMinSize(2).ofMaxSize(3).map(parts -> {
            String joined = String.join("", parts);
            return Character.toUpperCase(joined.charAt(0)) + joined.substring(1);
        });
        Arbitrary<String> local = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._+").ofMinLength(1).ofMaxLength(16)
                .filter(s -> Character.isLetterOrDigit(s.charAt(0)) && Character.isLetterOrDigit(s.charAt(s.length() - 1)) && !s.contains(".."));
        Arbitrary<String> mailDomain = Arbitraries.of("gmail.com", "example.org", "mail.example.co.uk", "posteo.de", "web.de");
        return Combinators.combine(word, word, local, mailDomain, Arbitraries.longs().between(7_000_000_000_000L, 7_999_999_999_999L))
                .as((first, last, user, domain, id) -> new Customer(first + " " + last, user + "@" + domain, id));
    }
}
