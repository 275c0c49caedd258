/**
 * Workspaces (the tenants), their districts and stores, and the one mechanism that scopes every
 * tenant-owned entity to the current workspace. Nothing outside it sets a workspace filter by hand.
 */
package com.signalops.tenancy;
