/**
 * The {@code campaign-send} job: claims a campaign's approval, then sends its pending deliveries over SMTP, each
 * committed as sent before the SMTP end-of-data together with the consent check, at the store's rate; and the timer
 * that starts the sends of approved campaigns and restarts interrupted ones.
 */
package com.signalops.jobs.campaigns;
