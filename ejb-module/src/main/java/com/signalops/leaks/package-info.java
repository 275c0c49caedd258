/**
 * Revenue-leak analysis: the eight rules of the contract run as set-based SQL on a store's commerce tables, the
 * findings they upsert, per-store rule settings, and the triage of findings by people.
 */
package com.signalops.leaks;
