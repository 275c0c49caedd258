/** The API's view of job executions: what a started import or analysis is doing, for the callers that started it. */
package com.signalops.jobs.rest;
