/**
 * The audit trail of privileged actions and the security events: each workspace's records form a
 * hash chain the database keeps append-only; the audit capability extends it (redaction, viewers).
 */
package com.signalops.audit;
