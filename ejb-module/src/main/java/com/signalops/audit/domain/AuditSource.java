package com.signalops.audit.domain;

/** Through which door an audited action came in. */
public enum AuditSource { UI, API, WEBHOOK, BATCH, AI }
