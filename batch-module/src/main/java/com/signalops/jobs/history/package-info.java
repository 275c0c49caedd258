/**
 * The {@code job-history-sweep} job: deletes JSR-352 job repository rows older than a
 * configurable age, a chunk of job instances per transaction, restartable from its checkpoint.
 */
package com.signalops.jobs.history;
