/**
 * EJBs that run batch jobs: the nightly scheduler and the launcher that starts and restarts jobs by name.
 */
package com.signalops.jobs.service;
