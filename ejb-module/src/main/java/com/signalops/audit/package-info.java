/**
 * The audit trail of privileged actions and the security events, in the small form the identity
 * capability needs; the audit capability extends it (hash chain, redaction, viewers).
 */
package com.signalops.audit;
