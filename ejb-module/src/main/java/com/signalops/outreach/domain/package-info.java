/**
 * What may reach customers or leave the workspace once approved: segments (saved filters over a store's customers),
 * email campaigns, segment exports and their destination filters, and the workspace's outreach settings that bound
 * them; for sending, the signed unsubscribe token, the message that commits its delivery before the SMTP
 * end-of-data, and the per-store send rate. Sending and producing are batch jobs' work. Nothing of the servlet, REST, Faces or batch APIs.
 */
package com.signalops.outreach.domain;
