/**
 * The service every capability writes audit records and security events through, the verifier of
 * the audit hash chains, and the workspace-scoped reader behind the viewers, the export and the API.
 */
package com.signalops.audit.service;
