package com.signalops.identity.domain;

/** What a membership reaches: the whole workspace, one district's stores, or one store. */
public enum ScopeType { WORKSPACE, DISTRICT, STORE }
