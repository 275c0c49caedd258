package com.signalops.ai.domain;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Map;
import java.util.Set;

/**
 * A model's proposal, validated: a segment of one of the three kinds with parameters in range (a variant among the
 * finding's, the finding itself), a one-line subject of at most {@value #SUBJECT_LENGTH} characters and a plain-text
 * body of at most {@value #BODY_LENGTH}. The answer must be exactly one JSON object of that form (one surrounding
 * Markdown code fence is tolerated); anything else is a {@link ModelFailure}.
 * <p>
 * The draft is written to every customer of the segment, so it may name the shop and a discount code but no single
 * customer or order: a reference to an email, a customer, a name or an order refuses the whole answer. {@link #restore}
 * then puts the shop's and the code's real values in.
 */
public record SuggestionAnswer(SegmentProposal segment, String subject, String body) {

    public static final int SUBJECT_LENGTH = 200;
    public static final int BODY_LENGTH = 4000;
    private static final Set<String> MEMBERS = Set.of("segment", "subject", "body");
    private static final Set<Pseudonymizer.Kind> ONE_CUSTOMERS = Set.of(Pseudonymizer.Kind.EMAIL, Pseudonymizer.Kind.CUSTOMER,
            Pseudonymizer.Kind.NAME, Pseudonymizer.Kind.ORDER);

    /**
     * The proposal in {@code text}, the model's answer about finding {@code findingId} whose variants are {@code variants}.
     *
     * @throws ModelFailure when it is not exactly a valid proposal
     */
    public static SuggestionAnswer parse(String text, long findingId, Set<Long> variants) {
        JsonObject answer = object(unfenced(text));
        if (!MEMBERS.containsAll(answer.keySet())) {
            throw new ModelFailure("the answer has members other than segment, subject and body");
        }
        if (!(answer.get("segment") instanceof JsonObject segment)) {
            throw new ModelFailure("the answer has no segment object");
        }
        String subject = text(answer, "subject", SUBJECT_LENGTH);
        if (subject.chars().anyMatch(Character::isISOControl)) {
            throw new ModelFailure("the answer's subject is not one line");
        }
        String body = text(answer, "body", BODY_LENGTH);
        if (body.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new ModelFailure("the answer's body has control characters");
        }
        for (Map.Entry<String, Pseudonymizer.Kind> reference : Pseudonymizer.referencesIn(subject + "\n" + body).entrySet()) {
            if (ONE_CUSTOMERS.contains(reference.getValue())) {
                throw new ModelFailure("the draft names " + reference.getKey() + ", one customer's data, in an email to a whole segment");
            }
        }
        return new SuggestionAnswer(segment(segment, findingId, variants), subject, body);
    }

    /**
     * This proposal with the references of its subject and body replaced by their real values.
     *
     * @throws ModelFailure when it names a reference {@code pseudonymizer} never issued
     */
    public SuggestionAnswer restore(Pseudonymizer pseudonymizer) {
        return new SuggestionAnswer(segment, pseudonymizer.restore(subject), pseudonymizer.restore(body));
    }

    private static String unfenced(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.startsWith("```") && trimmed.endsWith("```") && trimmed.length() > 6) {
            String inner = trimmed.substring(3, trimmed.length() - 3);
            int newline = inner.indexOf('\n');
            // the fence's language tag, if any, runs to the first line break
            return newline >= 0 && inner.substring(0, newline).strip().matches("[A-Za-z]*") ? inner.substring(newline + 1).strip() : inner.strip();
        }
        return trimmed;
    }

    private static JsonObject object(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject object = reader.readObject();
            return object;
        } catch (JsonException | IllegalStateException e) {
            throw new ModelFailure("the answer is not one JSON object");
        }
    }

    private static String text(JsonObject answer, String member, int length) {
        if (!(answer.get(member) instanceof JsonString value) || value.getString().isBlank()) {
            throw new ModelFailure("the answer has no " + member);
        }
        String text = value.getString().strip();
        if (text.length() > length) {
            throw new ModelFailure("the answer's " + member + " is longer than " + length + " characters");
        }
        return text;
    }

    private static SegmentProposal segment(JsonObject segment, long findingId, Set<Long> variants) {
        if (!(segment.get("kind") instanceof JsonString kindName)) {
            throw new ModelFailure("the answer's segment has no kind");
        }
        SegmentProposal.Kind kind;
        try {
            kind = SegmentProposal.Kind.valueOf(kindName.getString());
        } catch (IllegalArgumentException e) {
            throw new ModelFailure("the answer's segment kind is none of UNFULFILLED_PAID, BOUGHT_VARIANT, FINDING_CUSTOMERS");
        }
        Set<String> allowed = switch (kind) {
            case UNFULFILLED_PAID -> Set.of("kind", "hours");
            case BOUGHT_VARIANT -> Set.of("kind", "variantId", "days");
            case FINDING_CUSTOMERS -> Set.of("kind", "findingId");
        };
        if (!allowed.containsAll(segment.keySet())) {
            throw new ModelFailure("the answer's " + kind + " segment has members other than " + String.join(", ", allowed));
        }
        return switch (kind) {
            case UNFULFILLED_PAID -> new SegmentProposal(kind, (int) number(segment, "hours", 1, SegmentProposal.MAX_HOURS), null, null, null);
            case BOUGHT_VARIANT -> {
                long variant = number(segment, "variantId", 1, Long.MAX_VALUE);
                if (!variants.contains(variant)) {
                    throw new ModelFailure("the answer's variant is not one of the finding's");
                }
                yield new SegmentProposal(kind, null, variant, (int) number(segment, "days", 1, SegmentProposal.MAX_DAYS), null);
            }
            case FINDING_CUSTOMERS -> {
                if (number(segment, "findingId", 1, Long.MAX_VALUE) != findingId) {
                    throw new ModelFailure("the answer's finding is not the one asked about");
                }
                yield new SegmentProposal(kind, null, null, null, findingId);
            }
        };
    }

    private static long number(JsonObject segment, String member, long min, long max) {
        JsonValue value = segment.get(member);
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw new ModelFailure("the answer's segment has no whole number " + member);
        }
        long n;
        try {
            n = number.longValueExact();
        } catch (ArithmeticException e) {
            throw new ModelFailure("the answer's segment " + member + " is out of range");
        }
        if (n < min || n > max) {
            throw new ModelFailure("the answer's segment " + member + " is out of range " + min + " to " + max);
        }
        return n;
    }
}
