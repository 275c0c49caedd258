/**
 * Shopify's webhook vocabulary: topics, the HMAC signature check, the inbox row of a delivery and the
 * compliance payload's ids. Nothing of the servlet, REST or Faces APIs.
 */
package com.signalops.integration.domain;
