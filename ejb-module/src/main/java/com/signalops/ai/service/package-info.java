/**
 * The AI suggestion service: checks who asks and whether the workspace and the server allow it, calls the model with
 * no database transaction open, and files what it proposes as a segment and campaign awaiting approval (source AI).
 */
package com.signalops.ai.service;
