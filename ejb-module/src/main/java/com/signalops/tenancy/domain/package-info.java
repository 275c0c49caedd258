/**
 * Workspace, District and Store, the base of every tenant-owned entity, and the viewer whose scope
 * decides which districts and stores they see.
 */
package com.signalops.tenancy.domain;
