package com.signalops.integration.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String CURRENT = "shpss_current-test-secret";
    private static final String PREVIOUS = "shpss_previous-test-secret";
    private static final byte[] BODY = "{\"id\":820982911946154508,\"email\":\"jon@example.com\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsTheSignatureOfTheBodyUnderTheSecret() {
        assertTrue(WebhookSignature.of(ShopifyApiSecrets.parse(CURRENT)).verifies(BODY, WebhookSignature.sign(CURRENT, BODY)));
    }

    @Test
    void signsAsShopifyDoesBase64OfHmacSha256() throws Exception {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        String expected = Base64.getEncoder().encodeToString(java.util.HexFormat.of()
                .parseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        assertEquals(expected, WebhookSignature.sign("Jefe", data));
    }

    @Test
    void rejectsWebhookWithTamperedBody() {
        String signature = WebhookSignature.sign(CURRENT, BODY);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] ^= 1;
        assertFalse(WebhookSignature.of(ShopifyApiSecrets.parse(CURRENT)).verifies(tampered, signature));
    }

    @Test
    void rejectsTheSignatureUnderAnotherSecret() {
        assertFalse(WebhookSignature.of(ShopifyApiSecrets.parse(CURRENT)).verifies(BODY, WebhookSignature.sign("shpss_someone-else", BODY)));
    }

    @Test
    void rejectsAMissingBlankOrNonBase64Header() {
        WebhookSignature check = WebhookSignature.of(ShopifyApiSecrets.parse(CURRENT));
        assertFalse(check.verifies(BODY, null));
        assertFalse(check.verifies(BODY, ""));
        assertFalse(check.verifies(BODY, "   "));
        assertFalse(check.verifies(BODY, "not base64 !!"));
        // a prefix of the right signature is not the signature
        assertFalse(check.verifies(BODY, WebhookSignature.sign(CURRENT, BODY).substring(0, 20)));
    }

    @Test
    void acceptsThePreviousSecretDuringARotation() {
        WebhookSignature rotating = WebhookSignature.of(ShopifyApiSecrets.parse(CURRENT + ", " + PREVIOUS));
        assertEquals(2, rotating.secretCount());
        assertTrue(rotating.verifies(BODY, WebhookSignature.sign(CURRENT, BODY)));
        assertTrue(rotating.verifies(BODY, WebhookSignature.sign(PREVIOUS, BODY)));
        // once the rotation is over, the previous secret is refused
        assertFalse(WebhookSignature.of(ShopifyApiSecrets.parse(CURRENT)).verifies(BODY, WebhookSignature.sign(PREVIOUS, BODY)));
    }

    @Test
    void acceptsNothingWithoutASecret() {
        for (String unset : new String[] {null, "", " , "}) {
            WebhookSignature none = WebhookSignature.of(ShopifyApiSecrets.parse(unset));
            assertFalse(none.hasSecrets());
            assertFalse(none.verifies(BODY, WebhookSignature.sign(CURRENT, BODY)));
        }
    }

    @Test
    void neverShowsItsSecrets() {
        String shown = WebhookSignature.of(ShopifyApiSecrets.parse(CURRENT + "," + PREVIOUS)).toString();
        assertFalse(shown.contains(CURRENT) || shown.contains(PREVIOUS), shown);
    }

    /**
     * Timing cannot be asserted reliably on a shared machine, so the class's bytecode is: the methods
     * it calls include MessageDigest.isEqual, and no early-exit comparison of arrays or strings.
     */
    @Test
    void comparesDigestsInConstantTime() throws IOException {
        Set<String> called = calledMethods(WebhookSignature.class);
        assertTrue(called.contains("java/security/MessageDigest.isEqual([B[B)Z"), called.toString());
        for (String method : called) {
            boolean earlyExit = method.startsWith("java/util/Arrays.equals") || method.startsWith("java/lang/String.equals")
                    || method.startsWith("java/lang/String.contentEquals") || method.startsWith("java/util/Arrays.mismatch")
                    || method.startsWith("java/util/Objects.equals");
            assertFalse(earlyExit, method);
        }
    }

    /** The methods {@code type}'s class file refers to, as {@code owner.nameDescriptor}, read from its constant pool. */
    private static Set<String> calledMethods(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            DataInputStream data = new DataInputStream(in);
            data.readInt();
            data.readUnsignedShort();
            data.readUnsignedShort();
            int count = data.readUnsignedShort();
            Map<Integer, String> utf8 = new HashMap<>();
            Map<Integer, int[]> refs = new HashMap<>();
            for (int i = 1; i < count; i++) {
                int tag = data.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8.put(i, data.readUTF());
                    case 7, 8, 16, 19, 20 -> refs.put(i, new int[] {tag, data.readUnsignedShort()});
                    case 15 -> {
                        data.readUnsignedByte();
                        data.readUnsignedShort();
                    }
                    case 3, 4 -> data.readInt();
                    case 5, 6 -> {
                        data.readLong();
                        i++;
                    }
                    case 9, 10, 11, 12, 17, 18 -> refs.put(i, new int[] {tag, data.readUnsignedShort(), data.readUnsignedShort()});
                    default -> throw new IllegalStateException("constant pool tag " + tag);
                }
            }
            Set<String> methods = new TreeSet<>();
            for (int[] ref : refs.values()) {
                if (ref[0] == 10 || ref[0] == 11) {
                    String owner = utf8.get(refs.get(ref[1])[1]);
                    int[] nameAndType = refs.get(ref[2]);
                    methods.add(owner + "." + utf8.get(nameAndType[1]) + utf8.get(nameAndType[2]));
                }
            }
            return methods;
        }
    }
}
