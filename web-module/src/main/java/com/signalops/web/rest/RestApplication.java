package com.signalops.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The SignalOps REST API, version 1. */
@ApplicationPath("/api/v1")
public class RestApplication extends Application {
}
