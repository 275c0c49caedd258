/**
 * The {@code credential-rekey} job: re-encrypts store tokens sealed under an older vault key with
 * the newest one, a chunk per transaction, restartable from its checkpoint; and its schedule.
 */
package com.signalops.jobs.credentials;
