/** The console's imports page: a store's JSONL file uploaded as an import, and the store's imports with their counts and skipped lines. */
package com.signalops.commerce.web;
