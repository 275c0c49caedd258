/** Value objects describing the state of the running system. No persistence, no EE APIs. */
package com.signalops.system.domain;
