/** The console's audit log and security event viewers, the record detail with its diff, and the export download. */
package com.signalops.audit.web;
