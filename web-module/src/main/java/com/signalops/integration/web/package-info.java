/**
 * The Shopify webhook receiver at {@code /webhooks/shopify}: outside the API and the console, open to
 * anyone and trusted only through the body's HMAC signature. It verifies, stores and answers; processing
 * happens later, in the EJB module.
 */
package com.signalops.integration.web;
