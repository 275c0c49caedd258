/**
 * EJBs of tenancy: the directory of districts and stores under the viewer's row-level scope, and
 * the start-up proof that tenant scoping is in force.
 */
package com.signalops.tenancy.service;
