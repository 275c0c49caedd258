/**
 * Opening privacy requests, audited; data exports (a customer's data for a customer data request, a
 * whole workspace) started by their processor and downloaded once through single-use links.
 */
package com.signalops.privacy.service;
