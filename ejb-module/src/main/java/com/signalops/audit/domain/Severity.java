package com.signalops.audit.domain;

/** How serious a security event is. */
public enum Severity { INFO, LOW, MEDIUM, HIGH, CRITICAL }
