/**
 * The {@code audit-chain-verify} job: checks every audit hash chain, raises a CRITICAL security
 * event on each chain's first break and logs every chain's head, so that the heads live outside the
 * database too.
 */
package com.signalops.jobs.audit;
