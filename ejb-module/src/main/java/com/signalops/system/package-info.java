/**
 * The running system itself: schema migrations at start, build version, database status and
 * what ops and the System page show. No business capability lives here.
 */
package com.signalops.system;
