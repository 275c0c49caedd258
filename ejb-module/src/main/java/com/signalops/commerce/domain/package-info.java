/**
 * The import format (Shopify Admin GraphQL bulk-operation JSONL), parsed a line at a time into typed lines or a
 * skipped line with its reason; the commerce tables and their upserts; store imports and their skipped lines; the
 * bulk queries that produce the format; Shopify's webhook payloads read into the same rows and applied unless stale.
 * Nothing here logs a line's content (it may hold an email); nothing of the servlet, REST, Faces or batch APIs.
 */
package com.signalops.commerce.domain;
