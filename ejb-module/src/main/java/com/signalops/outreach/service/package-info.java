/**
 * The services of outward actions and their settings, within the caller's workspace and scope; every change audited.
 */
package com.signalops.outreach.service;
