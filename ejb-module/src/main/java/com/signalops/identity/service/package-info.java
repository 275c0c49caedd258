/**
 * EJBs of identity: sign-in with its limits, invitations, the creation of workspaces with their first
 * admin, and platform staff's temporary access to a workspace.
 */
package com.signalops.identity.service;
