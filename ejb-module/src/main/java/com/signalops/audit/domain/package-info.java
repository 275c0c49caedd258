/**
 * Audit and security-event vocabulary (actor types, sources, outcomes, the action catalogue), the
 * redaction of before/after snapshots, and the canonical forms an audit record's hash is taken of.
 */
package com.signalops.audit.domain;
