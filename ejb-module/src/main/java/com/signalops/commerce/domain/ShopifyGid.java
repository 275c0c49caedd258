package com.signalops.commerce.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Shopify global id, {@code gid://shopify/<Type>/<number>}: its type and its numeric id. */
public record ShopifyGid(String type, long id) {

    private static final Pattern GID = Pattern.compile("gid://shopify/([A-Za-z][A-Za-z0-9]{0,63})/([0-9]{1,18})");

    /** {@code text} as a gid, or empty when it is not one. */
    public static Optional<ShopifyGid> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = GID.matcher(text);
        return matcher.matches() ? Optional.of(new ShopifyGid(matcher.group(1), Long.parseLong(matcher.group(2)))) : Optional.empty();
    }

    @Override
    public String toString() {
        return "gid://shopify/" + type + "/" + id;
    }
}
