/** The identity vocabulary and its rules (permissions, roles, scopes, password and sign-in policy). No EE services. */
package com.signalops.identity.domain;
