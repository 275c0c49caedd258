/**
 * The Shopify integration: stores connected through Shopify's OAuth with their access tokens, which only the
 * credentials vault ever holds in clear; webhooks received, verified and kept in an inbox until processed.
 */
package com.signalops.integration;
