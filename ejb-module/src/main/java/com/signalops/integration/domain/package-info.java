/**
 * Store connections and the credentials vault that seals their secrets; Shopify's vocabulary: webhook topics and
 * signatures, the inbox row of a delivery, the OAuth callback's signature and the session's pending authorizations.
 * Nothing here logs or prints a secret in clear; nothing of the servlet, REST, Faces or batch APIs.
 */
package com.signalops.integration.domain;
