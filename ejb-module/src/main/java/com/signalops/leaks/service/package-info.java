/** Findings as people see and triage them, within their scope, and on-demand analyses started for a store; every change audited. */
package com.signalops.leaks.service;
