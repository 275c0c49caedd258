/**
 * The {@code retention-sweep} job: deletes each workspace's data once its retention period has passed, in small
 * chunks, each its own transaction, restartable from its checkpoint; a dry run only counts. Every run ends in one
 * {@code retention.sweep} audit record per workspace.
 */
package com.signalops.jobs.retention;
