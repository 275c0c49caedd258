/**
 * EJBs of identity: sign-in with its limits, the creation of workspaces with their first admin,
 * invitations, a workspace's roles and its members.
 */
package com.signalops.identity.service;
