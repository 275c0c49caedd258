/** Data subject requests (access, erasure) and the legal deadlines they must be acted on by. */
package com.signalops.privacy;
