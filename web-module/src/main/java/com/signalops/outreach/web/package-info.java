/**
 * The outreach pieces of the web tier: the console's outreach settings, segment, campaign and export pages, the proposal
 * of a campaign from a leak finding, and the unsubscribe link's page, which is open without signing in (its signed token
 * is its only credential). Backing beans validate, call one service and show its answer; they send nothing.
 */
package com.signalops.outreach.web;
