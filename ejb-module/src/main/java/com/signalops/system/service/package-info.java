/** EJBs that migrate the schema at start and report on the system's health. */
package com.signalops.system.service;
