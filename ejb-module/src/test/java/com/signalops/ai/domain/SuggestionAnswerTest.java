package com.signalops.ai.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.leaks.domain.LeakRule;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The model's answer taken only when it is exactly a proposal: one JSON object of segment, subject and body, the
 * segment one of the three kinds with its parameters in range, a one-line subject, bounded lengths, no single
 * customer's or order's reference in the draft; its shop and code references restored, an invented one refused.
 */
class SuggestionAnswerTest {

    private static final long FINDING = 42;
    private static final Set<Long> VARIANTS = Set.of(901L, 902L);

    @Test
    void takesEachKindOfSegmentWithItsParameters() {
        assertEquals(new SegmentProposal(SegmentProposal.Kind.UNFULFILLED_PAID, 72, null, null, null),
                parse("{\"segment\":{\"kind\":\"UNFULFILLED_PAID\",\"hours\":72},\"subject\":\"Your order\",\"body\":\"Soon.\"}").segment());
        assertEquals(new SegmentProposal(SegmentProposal.Kind.BOUGHT_VARIANT, null, 902L, 30, null),
                parse("{\"segment\":{\"kind\":\"BOUGHT_VARIANT\",\"variantId\":902,\"days\":30},\"subject\":\"S\",\"body\":\"B\"}").segment());
        SuggestionAnswer finding = parse("```json\n{\"segment\":{\"kind\":\"FINDING_CUSTOMERS\",\"findingId\":42},\"subject\":\" Sorry \","
                + "\"body\":\"Line one.\\nLine two.\"}\n```");
        assertEquals(new SegmentProposal(SegmentProposal.Kind.FINDING_CUSTOMERS, null, null, null, FINDING), finding.segment());
        assertEquals("Sorry", finding.subject());
        assertEquals("Line one.\nLine two.", finding.body());
    }

    @Test
    void refusesAnythingButExactlyAProposal() {
        refused("Here is my proposal: {\"segment\":{\"kind\":\"FINDING_CUSTOMERS\",\"findingId\":42},\"subject\":\"S\",\"body\":\"B\"}",
                "the answer is not one JSON object");
        refused("[1,2]", "the answer is not one JSON object");
        refused("{\"segment\":{\"kind\":\"FINDING_CUSTOMERS\",\"findingId\":42},\"subject\":\"S\",\"body\":\"B\",\"approve\":true}",
                "the answer has members other than segment, subject and body");
        refused("{\"segment\":{\"kind\":\"EVERYONE\"},\"subject\":\"S\",\"body\":\"B\"}",
                "the answer's segment kind is none of UNFULFILLED_PAID, BOUGHT_VARIANT, FINDING_CUSTOMERS");
        refused("{\"segment\":{\"kind\":\"UNFULFILLED_PAID\",\"hours\":0},\"subject\":\"S\",\"body\":\"B\"}",
                "the answer's segment hours is out of range 1 to 8760");
        refused("{\"segment\":{\"kind\":\"UNFULFILLED_PAID\",\"hours\":1.5},\"subject\":\"S\",\"body\":\"B\"}",
                "the answer's segment has no whole number hours");
        refused("{\"segment\":{\"kind\":\"UNFULFILLED_PAID\",\"hours\":5,\"days\":3},\"subject\":\"S\",\"body\":\"B\"}",
                "the answer's UNFULFILLED_PAID segment has members other than ");
        refused("{\"segment\":{\"kind\":\"BOUGHT_VARIANT\",\"variantId\":777,\"days\":30},\"subject\":\"S\",\"body\":\"B\"}",
                "the answer's variant is not one of the finding's");
        refused("{\"segment\":{\"kind\":\"FINDING_CUSTOMERS\",\"findingId\":43},\"subject\":\"S\",\"body\":\"B\"}",
                "the answer's finding is not the one asked about");
        refused("{\"segment\":{\"kind\":\"FINDING_CUSTOMERS\",\"findingId\":42},\"subject\":\"S\\r\\nBcc: all@x\",\"body\":\"B\"}",
                "the answer's subject is not one line");
        refused("{\"segment\":{\"kind\":\"FINDING_CUSTOMERS\",\"findingId\":42},\"subject\":\"" + "s".repeat(201) + "\",\"body\":\"B\"}",
                "the answer's subject is longer than 200 characters");
        refused("{\"segment\":{\"kind\":\"FINDING_CUSTOMERS\",\"findingId\":42},\"subject\":\"S\",\"body\":\"" + "b".repeat(4001) + "\"}",
                "the answer's body is longer than 4000 characters");
        refused("{\"segment\":{\"kind\":\"FINDING_CUSTOMERS\",\"findingId\":42},\"subject\":\"S\",\"body\":\"  \"}", "the answer has no body");
        refused("{\"segment\":{\"kind\":\"FINDING_CUSTOMERS\",\"findingId\":42},\"subject\":\"Hi EMAIL_1\",\"body\":\"B\"}",
                "the draft names EMAIL_1, one customer's data, in an email to a whole segment");
        refused("{\"segment\":{\"kind\":\"FINDING_CUSTOMERS\",\"findingId\":42},\"subject\":\"S\",\"body\":\"About ORDER_2.\"}",
                "the draft names ORDER_2, one customer's data, in an email to a whole segment");
    }

    @Test
    void restoresTheShopAndCodeAndRefusesAReferenceNeverIssued() {
        Pseudonymizer pseudonymizer = new Pseudonymizer();
        SuggestionPrompt.of(new SuggestionContext(FINDING, LeakRule.DISCOUNT_CODE_REUSE, "code:ab12:WELCOME10", new BigDecimal("12.00"), "EUR",
                "{\"code\":\"WELCOME10\",\"orders\":[{\"order\":5001,\"totalDiscounts\":\"6.00\"}]}", "A-01", "kiosk.myshopify.com", List.of()),
                pseudonymizer);

        SuggestionAnswer restored = parse("{\"segment\":{\"kind\":\"FINDING_CUSTOMERS\",\"findingId\":42},\"subject\":\"News from SHOP_1\","
                + "\"body\":\"CODE_1 is one use per customer at SHOP_1.\"}").restore(pseudonymizer);
        assertEquals("News from kiosk.myshopify.com", restored.subject());
        assertEquals("WELCOME10 is one use per customer at kiosk.myshopify.com.", restored.body());

        ModelFailure invented = assertThrows(ModelFailure.class, () -> parse("{\"segment\":{\"kind\":\"FINDING_CUSTOMERS\",\"findingId\":42},"
                + "\"subject\":\"News from SHOP_2\",\"body\":\"B\"}").restore(pseudonymizer));
        assertEquals("the answer names SHOP_2, which was not given to the model", invented.getMessage());
    }

    @Test
    void thePromptCarriesTheFindingWithReferencesAndTheVariantsAProposalMayName() {
        Pseudonymizer pseudonymizer = new Pseudonymizer();
        SuggestionPrompt prompt = SuggestionPrompt.of(new SuggestionContext(FINDING, LeakRule.BELOW_COST, "variant:901", new BigDecimal("30.50"),
                "USD", "{\"variants\":[901],\"unitCost\":\"12.00\",\"lineItems\":[{\"lineItem\":77,\"order\":5001,\"quantity\":2}]}", "B-02",
                "corner.myshopify.com", List.of()), pseudonymizer);

        assertEquals(Set.of(901L), prompt.variants());
        String finding = prompt.findingMessage();
        assertEquals("{\"store\":{\"code\":\"B-02\",\"shop\":\"SHOP_1\"},\"finding\":{\"id\":42,\"rule\":\"BELOW_COST\",\"meaning\":"
                + "\"a variant sold below its unit cost\",\"subject\":\"variant:901\",\"amountAtRisk\":\"30.50\",\"currency\":\"USD\","
                + "\"evidence\":{\"variants\":[901],\"unitCost\":\"12.00\",\"lineItems\":[{\"order\":\"ORDER_1\",\"quantity\":2}]}}}", finding);
        assertTrue(prompt.conversation().startsWith("[{\"role\":\"system\""), prompt.conversation());
    }

    private static SuggestionAnswer parse(String text) {
        return SuggestionAnswer.parse(text, FINDING, VARIANTS);
    }

    private static void refused(String text, String message) {
        ModelFailure failure = assertThrows(ModelFailure.class, () -> parse(text));
        assertTrue(failure.getMessage().startsWith(message), failure.getMessage());
    }
}
