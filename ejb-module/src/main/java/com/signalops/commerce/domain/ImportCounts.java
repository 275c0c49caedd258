package com.signalops.commerce.domain;

/**
 * What an import wrote: distinct gids per type after upserts (a refund counts once, on the last
 * version of its order), and the lines it skipped.
 */
public record ImportCounts(long products, long variants, long customers, long orders, long lineItems, long refunds, long skippedLines) {
}
