package com.signalops.commerce.domain;

/**
 * A line an import skips: its file, its line number and why. The detail names a field or a type,
 * never a value of the line (a line may hold an email).
 */
public class SkippedLine extends Exception {

    private static final long serialVersionUID = 1L;
    private static final int DETAIL_LENGTH = 200;

    private final ImportResource resource;
    private final long lineNumber;
    private final SkipReason reason;
    private final String detail;

    public SkippedLine(SkipReason reason, String detail) {
        this(null, 0, reason, detail);
    }

    private SkippedLine(ImportResource resource, long lineNumber, SkipReason reason, String detail) {
        super(reason + (detail == null ? "" : ": " + detail), null, false, false);
        this.resource = resource;
        this.lineNumber = lineNumber;
        this.reason = reason;
        this.detail = detail == null || detail.length() <= DETAIL_LENGTH ? detail : detail.substring(0, DETAIL_LENGTH);
    }

    /** This skip, placed at line {@code lineNumber} of {@code resource}'s file. */
    public SkippedLine at(ImportResource resource, long lineNumber) {
        return new SkippedLine(resource, lineNumber, reason, detail);
    }

    public ImportResource resource() {
        return resource;
    }

    public long lineNumber() {
        return lineNumber;
    }

    public SkipReason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }
}
