package com.signalops.jobs.credentials;

import java.io.Serializable;

/** Tokens resealed so far, and tokens that changed or went between read and write. */
record RekeyCounts(long resealed, long changedMeanwhile) implements Serializable {

    RekeyCounts plus(boolean replaced) {
        return replaced ? new RekeyCounts(resealed + 1, changedMeanwhile) : new RekeyCounts(resealed, changedMeanwhile + 1);
    }

    String summary() {
        return "RESEALED=" + resealed + " CHANGED_MEANWHILE=" + changedMeanwhile;
    }
}
