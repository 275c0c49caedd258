/**
 * What may reach customers or leave the workspace once approved: segments (saved filters over a store's customers),
 * email campaigns, segment exports and their destination filters, and the workspace's outreach settings that bound
 * them. Sending and producing are batch jobs' work. Nothing of the servlet, REST, Faces or batch APIs.
 */
package com.signalops.outreach.domain;
