/**
 * The {@code revenue-leak-analysis} job: a partition per store, each running the eight rules of
 * {@link com.signalops.leaks.domain.LeakAnalysis} a transaction per rule; its nightly registration.
 */
package com.signalops.jobs.leaks;
