/**
 * Store connections and the credentials vault (AES-256-GCM under versioned keys) that seals their
 * secrets. Nothing here logs, prints or serialises a secret in clear; no web, REST or batch API.
 */
package com.signalops.integration.domain;
