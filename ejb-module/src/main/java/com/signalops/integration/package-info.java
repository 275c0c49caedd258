/**
 * Connections to the shops of a workspace and the data that comes in through them: each store's
 * Shopify connection with its access token, which only the credentials vault ever holds in clear.
 */
package com.signalops.integration;
