package com.signalops.audit.domain;

/** How an audited action ended: done, refused for want of a right, or failed (a wrong credential, a broken call). */
public enum AuditOutcome { SUCCESS, DENIED, FAILED }
