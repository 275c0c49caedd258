package com.signalops.audit.domain;

/** Who an audited action was done by: a console user, an API key, platform staff, SignalOps itself, or Shopify. */
public enum ActorType { USER, API_KEY, STAFF, SYSTEM, SHOPIFY }
