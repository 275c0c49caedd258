package com.signalops.outreach.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class UnsubscribeTokenTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final UnsubscribeToken TOKEN = new UnsubscribeToken(11, 22, 7_300_000_000_001L, 44);

    private final UnsubscribeToken.Signer signer = new UnsubscribeToken.Signer(KEY);

    @Test
    void verifiesWhatItSignedAndIsUrlSafe() {
        String text = signer.sign(TOKEN);
        assertEquals(TOKEN, signer.verify(text).orElseThrow());
        assertEquals(text, URLEncoder.encode(text, StandardCharsets.UTF_8), "nothing to escape in a URL");
        assertTrue(text.length() < UnsubscribeToken.MAX_LENGTH);
    }

    @Test
    void refusesATokenWithAnyCharacterChanged() {
        String text = signer.sign(TOKEN);
        for (int i = 0; i < text.length(); i++) {
            char changed = text.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = text.substring(0, i) + changed + text.substring(i + 1);
            assertTrue(signer.verify(tampered).isEmpty(), "tampered at " + i);
        }
        assertTrue(signer.verify(text + "A").isEmpty());
        assertTrue(signer.verify(text.substring(0, text.length() - 1)).isEmpty());
    }

    @Test
    void refusesAnotherCustomerPutInTheSignedPartsPlace() {
        String text = signer.sign(TOKEN);
        String otherCustomer = signer.sign(new UnsubscribeToken(11, 22, 7_300_000_000_002L, 44));
        // the payload of one with the signature of the other
        String spliced = otherCustomer.substring(0, otherCustomer.indexOf('.')) + text.substring(text.indexOf('.'));
        assertTrue(signer.verify(spliced).isEmpty());
        String rewritten = Base64.getUrlEncoder().withoutPadding().encodeToString("unsubscribe.11.22.7300000000002.44".getBytes(
                StandardCharsets.US_ASCII)) + text.substring(text.indexOf('.'));
        assertTrue(signer.verify(rewritten).isEmpty());
    }

    @Test
    void refusesATokenSignedForAnotherPurposeOrUnderAnotherKey() {
        assertTrue(signer.verify(signer.signed("download.11.22.33.44")).isEmpty());
        assertTrue(signer.verify(signer.signed("unsubscribe.11.22.33")).isEmpty());
        assertTrue(signer.verify(signer.signed("unsubscribe.11.22.33.44.55")).isEmpty());
        assertTrue(signer.verify(signer.signed("unsubscribe.11.22.0.44")).isEmpty());
        assertTrue(signer.verify(signer.signed("unsubscribe.11.22.x.44")).isEmpty());
        byte[] otherKey = Arrays.copyOf(KEY, KEY.length);
        otherKey[0] ^= 1;
        assertTrue(new UnsubscribeToken.Signer(otherKey).verify(signer.sign(TOKEN)).isEmpty());
        assertNotEquals(signer.sign(TOKEN), new UnsubscribeToken.Signer(otherKey).sign(TOKEN));
    }

    @Test
    void refusesGarbage() {
        for (String garbage : new String[] {null, "", ".", "a.b", "abc", "a.b.c", "!!!.???", "x".repeat(400)}) {
            assertFalse(signer.verify(garbage).isPresent(), String.valueOf(garbage));
        }
    }

    @Test
    void needsAKeyOfThirtyTwoBytes() {
        assertThrows(IllegalArgumentException.class, () -> new UnsubscribeToken.Signer(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> new UnsubscribeToken(0, 1, 1, 1));
    }
}
