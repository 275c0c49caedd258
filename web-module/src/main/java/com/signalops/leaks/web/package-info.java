/** The console's revenue-leak page: a store's open totals by rule, its findings filtered and paged, a finding's evidence and its triage. */
package com.signalops.leaks.web;
