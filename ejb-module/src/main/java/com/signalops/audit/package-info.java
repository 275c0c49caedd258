/**
 * The audit trail of privileged actions and the security events: each workspace's records form a
 * hash chain the database keeps append-only, with redacted before/after snapshots; viewers come later.
 */
package com.signalops.audit;
