/**
 * The service every capability writes audit records and security events through, and the
 * verifier of the audit hash chains.
 */
package com.signalops.audit.service;
