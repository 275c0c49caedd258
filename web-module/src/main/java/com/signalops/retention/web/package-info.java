/** The console's retention page: a workspace's retention periods, shown and changed. */
package com.signalops.retention.web;
