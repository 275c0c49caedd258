/** Reading and changing a workspace's retention settings, audited. */
package com.signalops.retention.service;
