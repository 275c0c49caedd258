/** The console's data requests page and the single-use download of data exports; services do the work. */
package com.signalops.privacy.web;
