/**
 * Scheduling batch jobs: the {@link com.signalops.jobs.domain.NightlyJob} registrations, schedules and the
 * record of each scheduled trigger. The scheduler and the jobs live in the batch module.
 */
package com.signalops.jobs;
