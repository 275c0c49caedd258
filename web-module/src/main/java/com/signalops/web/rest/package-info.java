/** The JAX-RS application under {@code /api/v1} and the mapping of exceptions to RFC 9457 problem responses. */
package com.signalops.web.rest;
