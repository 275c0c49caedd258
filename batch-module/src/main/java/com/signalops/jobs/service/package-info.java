/**
 * EJBs that schedule and start batch jobs: the nightly scheduler, on-demand starts and the record of
 * scheduled triggers. They know jobs by name only.
 */
package com.signalops.jobs.service;
