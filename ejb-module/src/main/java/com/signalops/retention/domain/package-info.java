/** The retention periods, their defaults and floors, and a workspace's stored settings; no web, REST or batch API. */
package com.signalops.retention.domain;
