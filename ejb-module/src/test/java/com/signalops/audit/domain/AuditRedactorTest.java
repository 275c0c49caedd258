package com.signalops.audit.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.signalops.shared.Digests;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an audit record's before and after JSON keep of a snapshot: no secret, personal data only as a masked preview and a hash. */
class AuditRedactorTest {

    private final AuditRedactor redactor = AuditRedactor.DEFAULT;

    @Test
    void replacesSecretsWhateverTheKeysCase() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("password", "hunter2");
        snapshot.put("PasswordHash", "$argon2id$v=19$abc");
        snapshot.put("access_token", "shpat_123");
        snapshot.put("webhookSecret", "whsec");
        snapshot.put("apiKey", "sk_live_1");
        snapshot.put("key-text", "so_abc.def");

        String json = redactor.toJson(snapshot);

        assertEquals("{\"PasswordHash\":\"[redacted]\",\"access_token\":\"[redacted]\",\"apiKey\":\"[redacted]\","
                + "\"key-text\":\"[redacted]\",\"password\":\"[redacted]\",\"webhookSecret\":\"[redacted]\"}", json);
        for (String secret : List.of("hunter2", "argon2id", "shpat_123", "whsec", "sk_live_1", "so_abc")) {
            assertFalse(json.contains(secret), secret);
        }
    }

    @Test
    void reducesPersonalDataToAMaskedPreviewAndTheHashOfTheFullValue() {
        String json = redactor.toJson(Map.of("email", "dana.scully@example.com", "displayName", "Dana Scully", "ip", "203.0.113.7"));

        assertEquals("{\"displayName\":{\"preview\":\"Da***\",\"sha256\":\"" + Digests.sha256("Dana Scully") + "\"},"
                + "\"email\":{\"preview\":\"da***@ex***.com\",\"sha256\":\"" + Digests.sha256("dana.scully@example.com") + "\"},"
                + "\"ip\":{\"preview\":\"20***\",\"sha256\":\"" + Digests.sha256("203.0.113.7") + "\"}}", json);
    }

    @Test
    void twoRecordsOfTheSameValueCanBeComparedWithoutIt() {
        String first = redactor.toJson(Map.of("phone", "+49 30 1234567"));
        String second = redactor.toJson(Map.of("phone", "+49 30 1234567"));
        String other = redactor.toJson(Map.of("phone", "+49 30 1234568"));

        assertEquals(first, second);
        assertFalse(first.equals(other), "same preview, different hash");
        assertFalse(first.contains("1234567"));
    }

    @Test
    void showsNothingOfAShortValue() {
        assertEquals("***", AuditRedactor.preview("Al"));
        assertEquals("B***", AuditRedactor.preview("Bob"));
        assertEquals("***@***.io", AuditRedactor.preview("jo@ex.io"));
    }

    @Test
    void aPreviewIsAtMost64Characters() {
        String longAddress = "a".repeat(300) + "@" + "b".repeat(100) + "." + "c".repeat(200);

        String preview = AuditRedactor.preview(longAddress);

        assertTrue(preview.length() <= AuditRedactor.PREVIEW_LENGTH, preview);
        assertTrue(preview.startsWith("aa***@bb***."), preview);
        assertTrue(preview.endsWith("***"), preview);
        assertTrue(redactor.toJson(Map.of("address", "x".repeat(10_000))).length() < 64 + 64 + 40);
    }

    @Test
    void followsNestedMapsAndLists() {
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("firstName", "Dana");
        owner.put("role", "admin");
        owner.put("refreshToken", "rt_1");
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("owner", owner);
        snapshot.put("contacts", List.of(Map.of("email", "fox@example.org")));
        snapshot.put("shippingAddress", Map.of("city", "Berlin", "street", "Unter den Linden 1"));

        String json = redactor.toJson(snapshot);

        assertTrue(json.contains("\"firstName\":{\"preview\":\"D***\""), json);
        assertTrue(json.contains("\"role\":\"admin\""), json);
        assertTrue(json.contains("\"refreshToken\":\"[redacted]\""), json);
        assertTrue(json.contains("\"email\":{\"preview\":\"f***@ex***.org\""), json);
        assertTrue(json.contains("\"city\":{\"preview\":\"Be***\""), "everything below a personal key is personal: " + json);
        assertFalse(json.contains("Berlin") || json.contains("Linden") || json.contains("Dana") || json.contains("rt_1"), json);
    }

    @Test
    void passesOtherValuesAndWritesValidJson() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("storeCode", "B-01");
        snapshot.put("districtId", 4L);
        snapshot.put("active", true);
        snapshot.put("note", "say \"hi\"\n\\ ✓");
        snapshot.put("secret", null);
        snapshot.put("scope", ScopeLike.STORE);

        assertEquals("{\"active\":true,\"districtId\":4,\"note\":\"say \\\"hi\\\"\\n\\\\ ✓\",\"scope\":\"STORE\",\"secret\":null,"
                + "\"storeCode\":\"B-01\"}", redactor.toJson(snapshot));
        assertNull(redactor.toJson(null));
    }

    @Test
    void takesOtherLists() {
        AuditRedactor strict = new AuditRedactor(Set.of("pin"), Set.of("nickname"), Set.of());

        assertEquals("{\"email\":\"a@b.c\",\"nickname\":{\"preview\":\"Fo***\",\"sha256\":\"" + Digests.sha256("Foxxie")
                + "\"},\"pinCode\":\"[redacted]\"}", strict.toJson(Map.of("pinCode", "1234", "nickname", "Foxxie", "email", "a@b.c")));
    }

    private enum ScopeLike { STORE }
}
