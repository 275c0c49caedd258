/**
 * The directory REST endpoints: a workspace's districts and stores as the token's scope sees them,
 * answered as small records, never as entities.
 */
package com.signalops.tenancy.rest;
