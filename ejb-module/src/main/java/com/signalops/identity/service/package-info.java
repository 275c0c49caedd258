/**
 * EJBs of identity: sign-in with its limits, the creation of workspaces with their first admin,
 * invitations, a workspace's roles and members, API keys and their tokens, and platform staff's
 * temporary access to a workspace.
 */
package com.signalops.identity.service;
