/** The console's privacy page (deletion requests, deadlines, receipts, the workspace's own deletion) and account erasure page. */
package com.signalops.privacy.web;
