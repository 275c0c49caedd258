/** The audit REST endpoints: the workspace's audit events, filtered and paged by cursor. */
package com.signalops.audit.rest;
