/**
 * The service every capability writes audit records and security events through, the sealer that
 * links committed records into their hash chains, the verifier of those chains, the heads kept
 * outside the database, the retention of expired chain prefixes (on the retention account only),
 * and the workspace-scoped reader behind the viewers, the export and the API.
 */
package com.signalops.audit.service;
