/** The revenue-leak API: analyses started for a store, its findings and their totals, status changes of a finding. */
package com.signalops.leaks.rest;
