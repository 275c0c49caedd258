/** The approval service: requests, decisions, withdrawal, voiding on edit and expiry, each audited; and the claim a job makes to carry an approval out. */
package com.signalops.approvals.service;
