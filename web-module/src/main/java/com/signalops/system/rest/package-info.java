/** REST resources reporting on the running system. */
package com.signalops.system.rest;
