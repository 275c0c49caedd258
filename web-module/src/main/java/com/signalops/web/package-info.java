/** Cross-cutting web plumbing: the REST application, problem responses and request filters. No business rules. */
package com.signalops.web;
