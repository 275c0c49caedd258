/** EJBs of identity: sign-in with its limits, and the creation of workspaces with their first admin. */
package com.signalops.identity.service;
