/**
 * EJBs and beans of store connections: connecting and disconnecting a store with its audit records,
 * the vault's keys read from the configuration at start, and the re-encryption under the newest key.
 */
package com.signalops.integration.service;
