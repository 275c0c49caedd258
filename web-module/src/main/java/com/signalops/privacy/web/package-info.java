/**
 * The console's privacy page (deletion requests, deadlines, receipts, the workspace's own deletion), the account erasure
 * page, the data requests page and the single-use download of data exports; services do the work.
 */
package com.signalops.privacy.web;
