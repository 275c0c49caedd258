/**
 * Running JSR-352 jobs: the nightly scheduler, on-demand starts and the job history.
 * The jobs and the scheduler live in the batch module; they register through {@link com.signalops.jobs.domain.NightlyJob}.
 */
package com.signalops.jobs;
