/**
 * Segments, campaigns, exports and the settings that bound them, as entities and values with their rules (bounds,
 * which fields may leave through which destination). Nothing of the servlet, REST, Faces or batch APIs.
 */
package com.signalops.outreach.domain;
