/** EJBs of tenancy: the start-up proof that tenant scoping is in force. */
package com.signalops.tenancy.service;
