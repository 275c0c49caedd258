/** Audit and security-event vocabulary, and the canonical form an audit record's hash is taken of. */
package com.signalops.audit.domain;
