/**
 * Who may do what: user accounts, the permission catalogue, built-in and custom roles, memberships
 * with their scope, passwords and the sign-in limits.
 */
package com.signalops.identity;
