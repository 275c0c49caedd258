package com.signalops.audit.domain;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chain head as written outside the database by the nightly verification: the chain, its head's
 * position and hash, and when it was seen. One JSON object per line, in one fixed form:
 * {@code {"chain":21,"seq":3,"hash":"<64 hex>","at":"2026-11-24T03:45:00.125Z"}}.
 */
public record LoggedChainHead(long chainKey, long seq, String hash, Instant at) {

    private static final Pattern LINE = Pattern.compile(
            "\\{\"chain\":(-?\\d{1,19}),\"seq\":(\\d{1,19}),\"hash\":\"([0-9a-f]{64})\",\"at\":\"([0-9T:.\\-]+Z)\"}");

    /** The head of what {@code verified} checked, seen at {@code at}. */
    public static LoggedChainHead of(ChainVerification verified, Instant at) {
        return new LoggedChainHead(verified.chainKey(), verified.headSeq(), verified.headHash(), at);
    }

    /** Reads a line written by {@link #toJson()}; anything else is refused, since it was not written by the job. */
    public static LoggedChainHead parse(String line) {
        Matcher matched = LINE.matcher(line.trim());
        if (!matched.matches()) {
            throw new IllegalArgumentException("not a chain head line: " + line);
        }
        return new LoggedChainHead(Long.parseLong(matched.group(1)), Long.parseLong(matched.group(2)), matched.group(3),
                Instant.parse(matched.group(4)));
    }

    public String toJson() {
        return "{\"chain\":" + chainKey + ",\"seq\":" + seq + ",\"hash\":\"" + hash + "\",\"at\":\"" + at + "\"}";
    }
}
