package com.signalops.approvals.domain;

/** What an approval request is about. */
public enum SubjectKind { SEGMENT, CAMPAIGN, EXPORT }
