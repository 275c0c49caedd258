/** The privacy request aggregate and its kinds with their legal deadlines; ids only, never contact data. */
package com.signalops.privacy.domain;
