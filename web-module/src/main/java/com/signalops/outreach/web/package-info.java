/**
 * The console's outreach pages: the workspace's outreach settings, a store's segments and campaigns, and the proposal of
 * a campaign from a leak finding. Backing beans validate, call one service and show its answer; they send nothing.
 */
package com.signalops.outreach.web;
