/** The console's approvals inbox: what waits for the signed-in person's decision, with its review, and their own requests. */
package com.signalops.approvals.web;
