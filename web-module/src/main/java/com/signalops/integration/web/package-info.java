/**
 * Shopify's doors into SignalOps: the webhook receiver at {@code /webhooks/shopify} (open, trusted only through
 * the body's HMAC), the OAuth callback at {@code /shopify/callback} (a signed-in console session, the callback's
 * hmac and the session's single-use state), and the stores page's connect and disconnect actions.
 */
package com.signalops.integration.web;
