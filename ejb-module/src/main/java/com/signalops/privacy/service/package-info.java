/** Opening privacy requests and the deletion requests that carry redactions out, audited; the data-deletion job acts on them. */
package com.signalops.privacy.service;
