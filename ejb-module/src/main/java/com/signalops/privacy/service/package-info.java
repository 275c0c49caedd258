/**
 * Opening privacy requests, audited; the deletion requests that carry redactions out (the data-deletion job acts on
 * them); data exports (a customer's data for a customer data request, a whole workspace) started by their processor and
 * downloaded once through single-use links.
 */
package com.signalops.privacy.service;
