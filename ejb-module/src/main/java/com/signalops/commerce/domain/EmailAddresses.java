package com.signalops.commerce.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The normal form of an email address, by which orders and customers are matched: trimmed and
 * lower-cased; in the local part (what precedes the last {@code @}) everything from the first
 * {@code +} dropped; for gmail.com and googlemail.com every {@code .} of the local part removed and
 * the domain gmail.com. A blank address is no address; one without {@code @} stays trimmed and
 * lower-cased.
 */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    public static Optional<String> normalise(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        String address = email.trim().toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return Optional.of(address);
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        int plus = local.indexOf('+');
        if (plus >= 0) {
            local = local.substring(0, plus);
        }
        if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
            local = local.replace(".", "");
            domain = "gmail.com";
        }
        return Optional.of(local + "@" + domain);
    }
}
