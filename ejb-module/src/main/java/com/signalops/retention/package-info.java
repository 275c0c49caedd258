/**
 * Data retention: how long each kind of a workspace's data is kept (settings with defaults and floors) before the
 * nightly {@code retention-sweep} job deletes it.
 */
package com.signalops.retention;
