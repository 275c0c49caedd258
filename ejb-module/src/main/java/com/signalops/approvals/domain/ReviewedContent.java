package com.signalops.approvals.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What the reviewers of a request see, reduced to one SHA-256: the subject's definition and content as named fields
 * (each written with its length, so that no two different contents write the same text) and the recipient count.
 * An approval holds for exactly this: the same subject hashed again after any edit, or with another count, differs.
 */
public final class ReviewedContent {

    private final StringBuilder text = new StringBuilder();

    private ReviewedContent(SubjectKind kind) {
        field("kind", kind.name());
    }

    public static ReviewedContent of(SubjectKind kind) {
        return new ReviewedContent(kind);
    }

    /** Adds field {@code name} with {@code value} (null written as absent, distinct from empty). */
    public ReviewedContent field(String name, Object value) {
        text.append(name).append('=');
        if (value == null) {
            text.append('-');
        } else {
            String written = value.toString();
            text.append(written.length()).append(':').append(written);
        }
        text.append('\n');
        return this;
    }

    /** The content's canonical text (what is hashed). */
    public String canonical() {
        return text.toString();
    }

    /** The hash of the content with {@code recipientCount} recipients. */
    public byte[] hash(long recipientCount) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((canonical() + "recipients=" + recipientCount + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean same(byte[] a, byte[] b) {
        return a != null && b != null && MessageDigest.isEqual(a, b);
    }

    public static String hex(byte[] hash) {
        return hash == null ? null : HexFormat.of().formatHex(Arrays.copyOf(hash, hash.length));
    }
}
