/** The data export jobs: a customer's data answering a customer data request, and the whole workspace as a zip. */
package com.signalops.jobs.exports;
