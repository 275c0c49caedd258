/**
 * The import REST endpoints: a store's JSONL file uploaded as an import, and an import job's report (status, counts,
 * skipped lines). Thin: they validate, call one service and answer small records.
 */
package com.signalops.commerce.rest;
