/**
 * The privacy request aggregate and its kinds with their legal deadlines (ids only, never contact
 * data); data exports, their single-use download tokens, and the JDBC writers of their contents.
 */
package com.signalops.privacy.domain;
