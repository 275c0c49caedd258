/**
 * The {@code store-import} job: for an import from Shopify, the files fetched first by one bulk operation per
 * resource; a store's JSONL files read a line at a time, checkpointed by byte offset and line
 * number, upserted by gid into the commerce tables; skipped lines recorded with their reason; the import's counts and
 * outcome kept on its {@code store_import} row.
 */
package com.signalops.jobs.imports;
