/**
 * The outreach pieces of the web tier: the console's segment, campaign and export pages, and the unsubscribe link's
 * page, which is open without signing in (its signed token is its only credential).
 */
package com.signalops.outreach.web;
