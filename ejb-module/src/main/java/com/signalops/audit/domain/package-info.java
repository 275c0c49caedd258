/**
 * Audit and security-event vocabulary (actor types, sources, outcomes, the action catalogue), the
 * redaction of before/after snapshots, the canonical forms an audit record's hash is taken of, and
 * what the viewers read: filters, keyset page cursors, record views and their CSV form.
 */
package com.signalops.audit.domain;
