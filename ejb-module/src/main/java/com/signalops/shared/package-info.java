/**
 * Small building blocks every capability shares: the business exception hierarchy, the
 * application's resource names and the reading of unique-key clashes. Nothing here knows a capability.
 */
package com.signalops.shared;
