/**
 * Segments, campaigns and exports as staff make and edit them (every edit voids what was approved of the earlier
 * version), their audiences, and the workspace's outreach settings; every change audited.
 */
package com.signalops.outreach.service;
