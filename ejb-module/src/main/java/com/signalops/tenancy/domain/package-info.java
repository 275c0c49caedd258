/** Workspace, District and Store, and the base of every tenant-owned entity. */
package com.signalops.tenancy.domain;
