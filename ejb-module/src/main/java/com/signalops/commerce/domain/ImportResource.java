package com.signalops.commerce.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The three files of a store import, in the order an import reads them, with the gid types each may
 * hold: a parent type and, for products and orders, the child type whose lines carry
 * {@code __parentId}.
 */
public enum ImportResource {
    PRODUCTS("Product", "ProductVariant"),
    CUSTOMERS("Customer", null),
    ORDERS("Order", "LineItem");

    private final String parentType;
    private final String childType;

    ImportResource(String parentType, String childType) {
        this.parentType = parentType;
        this.childType = childType;
    }

    public String parentType() {
        return parentType;
    }

    /** The child type, or empty for a file of parents only. */
    public Optional<String> childType() {
        return Optional.ofNullable(childType);
    }

    /** The name the API and the files use: {@code products}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The file name of this resource in an import's folder: {@code products.jsonl}. */
    public String fileName() {
        return key() + ".jsonl";
    }

    /** The resource named {@code key} ({@code products}, {@code customers} or {@code orders}). */
    public static Optional<ImportResource> fromKey(String key) {
        return Arrays.stream(values()).filter(r -> r.key().equals(key)).findFirst();
    }
}
