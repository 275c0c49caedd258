package com.signalops.ai.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data by temporary references before text leaves for the model, and puts it back in the answer.
 * One instance serves one exchange: the same value always gets the same reference ({@code EMAIL_1}, {@code SHOP_1},
 * {@code ORDER_1}, {@code CUSTOMER_1}, {@code NAME_1}, {@code CODE_1}), and the map from references to values never
 * leaves the server.
 * <p>
 * In free text it finds by their shape: email addresses, Shopify customer and order GIDs, {@code *.myshopify.com}
 * domains and order names ({@code #1001}); and by their value whatever else the caller registered as personal
 * ({@link #personal}): the store's own domain, customers' names (each word of a name too), customer ids. Structured
 * values the caller knows the meaning of take a reference directly ({@link #reference}).
 * <p>
 * {@link #restore} refuses an answer that names a reference this instance never issued (the model made it up): such an
 * answer cannot be put back together truthfully, so it is not used at all.
 */
public final class Pseudonymizer {

    /** What a reference stands for. */
    public enum Kind { EMAIL, SHOP, ORDER, CUSTOMER, NAME, CODE }

    private static final String WORD = "\\p{L}\\p{N}";
    private static final Pattern EMAIL = Pattern.compile("[" + WORD + ".!#$%&'*+/=?^_`{|}~-]+@[" + WORD + "-]+(?:\\.[" + WORD + "-]+)+");
    private static final Pattern GID = Pattern.compile("gid://shopify/(Customer|Order)/(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern MYSHOPIFY = Pattern.compile("(?<![" + WORD + ".-])[" + WORD + "-]+(?:\\.[" + WORD + "-]+)*\\.myshopify\\.com(?![" + WORD + "-])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ORDER_NAME = Pattern.compile("(?<![" + WORD + "&])#\\d{1,19}(?![" + WORD + "])");
    /** A reference as it appears in an answer. */
    public static final Pattern REFERENCE = Pattern.compile("\\b(EMAIL|SHOP|ORDER|CUSTOMER|NAME|CODE)_(\\d{1,9})\\b");
    private static final int SHORTEST_NAME_PART = 2;

    private final Map<String, String> referenceByKey = new HashMap<>();
    private final Map<String, String> valueByReference = new LinkedHashMap<>();
    private final Map<Kind, Integer> counters = new EnumMap<>(Kind.class);
    /** Registered literal values (lower-cased) with the reference each stands for. */
    private final Map<String, String> literals = new HashMap<>();
    private Pattern literalPattern;

    /**
     * Registers {@code value} as personal data of {@code kind}, to be replaced wherever it appears in text (ignoring
     * case, as a whole word); for a {@link Kind#NAME} each word of it too. Answers its reference.
     */
    public String personal(Kind kind, String value) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("no value to register");
        }
        String reference = reference(kind, stripped);
        literals.putIfAbsent(stripped.toLowerCase(Locale.ROOT), reference);
        if (kind == Kind.NAME) {
            for (String part : stripped.split("[^" + WORD + "'-]+")) {
                if (part.length() >= SHORTEST_NAME_PART) {
                    literals.putIfAbsent(part.toLowerCase(Locale.ROOT), reference);
                }
            }
        }
        literalPattern = null;
        return reference;
    }

    /** The reference of {@code value} of {@code kind}: the one issued before for it, or a new one. */
    public String reference(Kind kind, String value) {
        String key = kind + ":" + value.strip().toLowerCase(Locale.ROOT);
        return referenceByKey.computeIfAbsent(key, k -> {
            int number = counters.merge(kind, 1, Integer::sum);
            String reference = kind + "_" + number;
            valueByReference.put(reference, value.strip());
            return reference;
        });
    }

    /** {@code text} with every personal value this instance finds or knows replaced by its reference. */
    public String pseudonymize(String text) {
        String result = replace(text, EMAIL, m -> reference(Kind.EMAIL, m.group()));
        result = replace(result, GID, m -> reference(m.group(1).equalsIgnoreCase("Customer") ? Kind.CUSTOMER : Kind.ORDER, m.group(2)));
        result = replace(result, MYSHOPIFY, m -> reference(Kind.SHOP, m.group()));
        result = replace(result, ORDER_NAME, m -> reference(Kind.ORDER, m.group()));
        Pattern known = literals();
        return known == null ? result : replace(result, known, m -> literalReference(m.group()));
    }

    /**
     * {@code answer} with every reference replaced by the value it stands for.
     *
     * @throws ModelFailure when the answer names a reference that was never issued
     */
    public String restore(String answer) {
        return replace(answer, REFERENCE, m -> valueOf(m.group()).orElseThrow(
                () -> new ModelFailure("the answer names " + m.group() + ", which was not given to the model")));
    }

    /** The value {@code reference} stands for, if this instance issued it. */
    public Optional<String> valueOf(String reference) {
        return Optional.ofNullable(valueByReference.get(reference));
    }

    /** The kind of the references in {@code text}, by reference, in order of appearance. */
    public static Map<String, Kind> referencesIn(String text) {
        Map<String, Kind> found = new LinkedHashMap<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            found.put(m.group(), Kind.valueOf(m.group(1)));
        }
        return found;
    }

    private Pattern literals() {
        if (literalPattern == null && !literals.isEmpty()) {
            List<String> values = new ArrayList<>(literals.keySet());
            values.sort(Comparator.comparingInt(String::length).reversed());
            StringBuilder alternatives = new StringBuilder();
            for (String value : values) {
                alternatives.append(alternatives.isEmpty() ? "" : "|").append(Pattern.quote(value));
            }
            // '_' counts as part of a word here so that a registered value never matches inside a reference
            literalPattern = Pattern.compile("(?<![" + WORD + "_])(?:" + alternatives + ")(?![" + WORD + "_])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }
        return literalPattern;
    }

    private String literalReference(String found) {
        String reference = literals.get(found.toLowerCase(Locale.ROOT));
        if (reference != null) {
            return reference;
        }
        // a match by Unicode case folding that lower-casing alone does not map back
        return literals.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(found)).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("a registered value matched but is not registered"));
    }

    private static String replace(String text, Pattern pattern, Function<Matcher, String> replacement) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
