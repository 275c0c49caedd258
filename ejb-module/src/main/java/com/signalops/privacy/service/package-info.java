/** Opening privacy requests, audited; acting on them is the privacy issue's later work. */
package com.signalops.privacy.service;
