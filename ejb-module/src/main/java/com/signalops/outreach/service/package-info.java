/** Segments, campaigns and exports as staff make and edit them (every edit voids what was approved of the earlier version), and their audiences. */
package com.signalops.outreach.service;
