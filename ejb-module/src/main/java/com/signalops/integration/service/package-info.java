/**
<<<<<<< HEAD
 * EJBs and beans of store connections: connecting and disconnecting a store with its audit records,
 * the vault's keys read from the configuration at start, and the re-encryption under the newest key.
=======
 * The webhook inbox (receipt and deduplication in the receiving request) and its asynchronous processing;
 * no HTTP here: the web module's receiver calls these beans.
>>>>>>> ingest-webhooks
 */
package com.signalops.integration.service;
