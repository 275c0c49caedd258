package com.signalops.audit.domain;

/**
 * What one pass of the audit sealer did: how many records it linked into how many chains, or
 * that another sealer held the lock ({@code busy}) and this one left the work to it.
 */
public record SealPass(int recordsSealed, int chains, boolean busy) {

    /** The pass of a sealer that found another one at work. */
    public static SealPass ofBusy() {
        return new SealPass(0, 0, true);
    }
}
