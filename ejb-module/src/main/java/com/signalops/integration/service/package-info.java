/**
 * EJBs and beans of the Shopify integration: connecting (OAuth code exchange) and disconnecting a store with their
 * audit records, the vault's keys and re-encryption, and the webhook inbox with its asynchronous processing. No
 * HTTP endpoints here: the web module's servlets and pages call these beans.
 */
package com.signalops.integration.service;
