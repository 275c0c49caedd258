/**
 * The webhook inbox (receipt and deduplication in the receiving request) and its asynchronous processing;
 * no HTTP here: the web module's receiver calls these beans.
 */
package com.signalops.integration.service;
