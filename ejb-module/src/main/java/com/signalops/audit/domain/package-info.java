/**
 * Audit and security-event vocabulary, the canonical form an audit record's hash is taken of, and
 * what the viewers read: filters, keyset page cursors, record views and their CSV form.
 */
package com.signalops.audit.domain;
