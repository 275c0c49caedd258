/**
 * Segments, campaigns and exports as staff make and edit them (every edit voids what was approved of the earlier
 * version), their audiences, and the workspace's outreach settings; every change audited. What an unsubscribe link
 * does (consent withdrawn, the address suppressed, audited), and the key that signs those links.
 */
package com.signalops.outreach.service;
