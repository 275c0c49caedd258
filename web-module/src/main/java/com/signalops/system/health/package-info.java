/** MicroProfile Health checks for ops: liveness, readiness (database and schema) and start-up. */
package com.signalops.system.health;
