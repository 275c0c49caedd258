/**
 * Faces backing beans of the districts and stores page. They build the viewer from the active role
 * and leave the scope rule to the directory service; no query or scope check of their own.
 */
package com.signalops.tenancy.web;
