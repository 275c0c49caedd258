/** The service every capability writes audit records and security events through. */
package com.signalops.audit.service;
