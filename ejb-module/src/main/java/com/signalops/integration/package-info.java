/**
<<<<<<< HEAD
 * Connections to the shops of a workspace and the data that comes in through them: each store's
 * Shopify connection with its access token, which only the credentials vault ever holds in clear.
=======
 * The Shopify integration: webhooks received, verified and kept in an inbox until processed; imports and
 * store connections come later.
>>>>>>> ingest-webhooks
 */
package com.signalops.integration;
