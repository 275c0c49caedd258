/** Servlet filters that guard what the console serves. Response headers common to every response are set in server.xml. */
package com.signalops.web.security;
