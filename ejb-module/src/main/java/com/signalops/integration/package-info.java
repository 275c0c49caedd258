/**
 * The Shopify integration: webhooks received, verified and kept in an inbox until processed; imports and
 * store connections come later.
 */
package com.signalops.integration;
