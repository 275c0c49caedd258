/** Audit and security-event vocabulary. */
package com.signalops.audit.domain;
