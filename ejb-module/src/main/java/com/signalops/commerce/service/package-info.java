/**
 * Store imports: receiving uploaded JSONL files, recording the import and starting the {@code store-import} job;
 * the keyed hash of customer emails.
 */
package com.signalops.commerce.service;
