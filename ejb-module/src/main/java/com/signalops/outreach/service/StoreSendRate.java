package com.signalops.outreach.service;

/**
 * A store's campaign send rate as the settings page shows it.
 *
 * @param own       the store's own rate, or null when it sends at the default
 * @param inForce   the rate it sends at: its own, or the default
 */
public record StoreSendRate(long storeId, String storeCode, Integer own, int inForce) {
}
