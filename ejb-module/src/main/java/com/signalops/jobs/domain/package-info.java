/** The scheduling vocabulary: nightly job registrations, schedules and the record of each trigger. */
package com.signalops.jobs.domain;
