/**
<<<<<<< HEAD
 * Store connections and the credentials vault (AES-256-GCM under versioned keys) that seals their
 * secrets. Nothing here logs, prints or serialises a secret in clear; no web, REST or batch API.
=======
 * Shopify's webhook vocabulary: topics, the HMAC signature check, the inbox row of a delivery and the
 * compliance payload's ids. Nothing of the servlet, REST or Faces APIs.
>>>>>>> ingest-webhooks
 */
package com.signalops.integration.domain;
