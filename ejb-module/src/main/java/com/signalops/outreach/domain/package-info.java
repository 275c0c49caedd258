/**
 * Outreach: segments, campaigns and their sending (the unsubscribe token, the message that commits its delivery
 * before the SMTP end-of-data, the per-store send rate). Entities and value objects only: nothing of the web, REST,
 * Faces or batch APIs.
 */
package com.signalops.outreach.domain;
