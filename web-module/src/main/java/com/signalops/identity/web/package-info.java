/**
 * Console sign-in with Jakarta Security (form mechanism and the SignalOps identity store), the
 * signed-in session with its active role, sign-out and the session lifetime.
 */
package com.signalops.identity.web;
