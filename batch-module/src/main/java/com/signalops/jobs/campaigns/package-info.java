/**
 * The {@code campaign-send} job: checks that the campaign was claimed for its send, then sends its pending deliveries
 * over SMTP, each committed as sent before the SMTP end-of-data together with the consent check, at the store's rate.
 * The outreach dispatcher ({@code jobs.outreach}) claims approvals and starts and restarts the job.
 */
package com.signalops.jobs.campaigns;
