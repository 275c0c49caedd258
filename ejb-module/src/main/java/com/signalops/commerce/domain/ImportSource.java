package com.signalops.commerce.domain;

/** Where an import's files come from. */
public enum ImportSource {
    /** Uploaded through the API or the console. */
    UPLOAD,
    /** Written by a bulk operation of the store's Shopify shop. */
    SHOPIFY
}
