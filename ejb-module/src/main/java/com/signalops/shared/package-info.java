/**
 * Small building blocks every capability shares: the business exception hierarchy and
 * the application's resource names, the reading of unique-key clashes. Nothing here knows a capability.
 */
package com.signalops.shared;
