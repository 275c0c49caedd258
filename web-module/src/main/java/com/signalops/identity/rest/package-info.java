/** The identity REST endpoints: the API-key-for-token exchange and the caller's own grant. */
package com.signalops.identity.rest;
