/**
 * The {@code data-deletion} job: raises the deadline events of open deletion requests, then carries out the due
 * ones table by table in chunks, each completed with its receipt and audit record.
 */
package com.signalops.jobs.deletion;
