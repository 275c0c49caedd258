/**
 * Outreach services: segments, campaigns and exports, and the unsubscribe link's effect (consent withdrawn, the
 * address suppressed, audited); the unsubscribe token's key from the environment.
 */
package com.signalops.outreach.service;
