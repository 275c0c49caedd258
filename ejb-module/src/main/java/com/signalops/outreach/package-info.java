/**
 * Outward actions towards a store's customers and data: segments, email campaigns, exports of a segment, and the
 * workspace's outreach settings (approval expiry, second approver, AI, destination filters, send rates) that bound
 * them. Nothing here leaves SignalOps without an approval (see {@code com.signalops.approvals}).
 */
package com.signalops.outreach;
