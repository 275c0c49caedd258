package com.signalops.jobs.domain;

import java.io.Serializable;

/** What a persistent nightly timer carries: which job it starts, on which schedule. */
public record NightlyTimer(String jobName, String schedule) implements Serializable {
}
