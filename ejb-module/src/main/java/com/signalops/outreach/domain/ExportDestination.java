package com.signalops.outreach.domain;

/** Where an export of a segment goes: a CSV file downloaded once through an expiring link, or a CSV mailed to one address. */
public enum ExportDestination {
    CSV_DOWNLOAD,
    SMTP
}
