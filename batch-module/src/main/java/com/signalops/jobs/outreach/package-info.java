/** The dispatcher of outward work: starts the send of approved campaigns, restarts interrupted sends, expires approvals. */
package com.signalops.jobs.outreach;
