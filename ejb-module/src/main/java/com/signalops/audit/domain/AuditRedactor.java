package com.signalops.audit.domain;

import com.signalops.shared.Digests;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns an entity snapshot into the JSON an audit record keeps. A value under a key that names a
 * secret becomes {@code "[redacted]"}; a value under a key that names personal data becomes
 * {@code {"preview": <at most 64 masked characters>, "sha256": <hex of the full value>}}, so that
 * two records can be compared without keeping the data; everything else passes. Keys are compared
 * without case, {@code -} or {@code _}; maps and lists are followed, and everything below a
 * personal key is personal. Keys come out sorted, so the same snapshot always gives the same text.
 */
public final class AuditRedactor {

    /** What a secret's value is replaced by. */
    public static final String REDACTED = "[redacted]";
    /** The longest preview of a personal value, in characters. */
    public static final int PREVIEW_LENGTH = 64;

    /** A key containing one of these names a secret: {@code passwordHash}, {@code webhookSecret}, {@code accessToken}. */
    public static final Set<String> SECRET_FRAGMENTS = Set.of("password", "passphrase", "secret", "token", "apikey", "keytext",
            "privatekey", "credential", "hmac", "cookie", "authorization");
    /** A key equal to one of these names personal data. */
    public static final Set<String> PERSONAL_KEYS = Set.of("name", "displayname", "fullname", "firstname", "lastname", "username",
            "ip", "ipaddress", "birthdate", "dateofbirth");
    /** A key containing one of these names personal data: {@code contactEmail}, {@code clientAddress}. */
    public static final Set<String> PERSONAL_FRAGMENTS = Set.of("email", "phone", "address", "street", "postcode", "zip");

    /** The redactor with the lists above. */
    public static final AuditRedactor DEFAULT = new AuditRedactor(SECRET_FRAGMENTS, PERSONAL_KEYS, PERSONAL_FRAGMENTS);

    private static final String MASK = "***";

    private final Set<String> secretFragments;
    private final Set<String> personalKeys;
    private final Set<String> personalFragments;

    /** A redactor with other lists, each in lower case without {@code -} or {@code _}. */
    public AuditRedactor(Set<String> secretFragments, Set<String> personalKeys, Set<String> personalFragments) {
        this.secretFragments = Set.copyOf(secretFragments);
        this.personalKeys = Set.copyOf(personalKeys);
        this.personalFragments = Set.copyOf(personalFragments);
    }

    /** The redacted JSON of {@code snapshot}, or null for none. */
    public String toJson(Map<String, ?> snapshot) {
        if (snapshot == null) {
            return null;
        }
        StringBuilder json = new StringBuilder();
        object(snapshot, false, json);
        return json.toString();
    }

    /**
     * What a personal value looks like in a record: in an email the first two characters of the
     * local part and of the domain and the top-level domain ({@code da***@ex***.com}), in anything
     * else its first characters (none of a short value), at most {@link #PREVIEW_LENGTH} in all.
     */
    public static String preview(String value) {
        int at = value.lastIndexOf('@');
        String masked;
        if (at > 0) {
            String domain = value.substring(at + 1);
            int dot = domain.lastIndexOf('.');
            String host = dot > 0 ? domain.substring(0, dot) : domain;
            String tld = dot > 0 ? domain.substring(dot) : "";
            masked = start(value.substring(0, at)) + "@" + start(host) + tld;
        } else {
            masked = start(value);
        }
        return masked.codePointCount(0, masked.length()) <= PREVIEW_LENGTH ? masked
                : masked.substring(0, masked.offsetByCodePoints(0, PREVIEW_LENGTH - MASK.length())) + MASK;
    }

    private static String start(String part) {
        int length = part.codePointCount(0, part.length());
        int kept = length >= 6 ? 2 : length >= 3 ? 1 : 0;
        return part.substring(0, part.offsetByCodePoints(0, kept)) + MASK;
    }

    private void object(Map<?, ?> values, boolean personal, StringBuilder json) {
        json.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> entry : sorted(values).entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            string(entry.getKey(), json);
            json.append(':');
            String key = normalised(entry.getKey());
            if (entry.getValue() != null && isSecret(key)) {
                string(REDACTED, json);
            } else {
                value(entry.getValue(), personal || isPersonal(key), json);
            }
        }
        json.append('}');
    }

    private void value(Object value, boolean personal, StringBuilder json) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof Map<?, ?> map) {
            object(map, personal, json);
        } else if (value instanceof Collection<?> items) {
            json.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                value(item, personal, json);
            }
            json.append(']');
        } else if (personal) {
            String text = value.toString();
            json.append("{\"preview\":");
            string(preview(text), json);
            json.append(",\"sha256\":");
            string(Digests.sha256(text), json);
            json.append('}');
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            json.append(value);
        } else if (value instanceof Enum<?> constant) {
            string(constant.name(), json);
        } else {
            string(value.toString(), json);
        }
    }

    private boolean isSecret(String key) {
        return secretFragments.stream().anyMatch(key::contains);
    }

    private boolean isPersonal(String key) {
        return personalKeys.contains(key) || personalFragments.stream().anyMatch(key::contains);
    }

    private static String normalised(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    private static Map<String, Object> sorted(Map<?, ?> values) {
        Map<String, Object> sorted = new TreeMap<>();
        values.forEach((key, value) -> sorted.put(String.valueOf(key), value));
        return sorted;
    }

    private static void string(String text, StringBuilder json) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
