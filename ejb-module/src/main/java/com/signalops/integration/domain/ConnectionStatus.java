package com.signalops.integration.domain;

/** Whether a store connection is live (it holds a token) or ended (its token is destroyed). */
public enum ConnectionStatus { CONNECTED, DISCONNECTED }
