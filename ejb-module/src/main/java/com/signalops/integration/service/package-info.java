/**
 * EJBs and beans of the Shopify integration: connecting (OAuth code exchange) and disconnecting a store with their
 * audit records, the vault's keys and re-encryption, the webhook inbox with its asynchronous processing, the Admin
 * GraphQL API (bulk operations, webhook subscriptions) and the subscription after a connect. No
 * HTTP endpoints here: the web module's servlets and pages call these beans.
 */
package com.signalops.integration.service;
