/**
 * What may reach customers or leave the workspace once approved: segments (saved filters over a store's customers),
 * email campaigns, segment exports and their destination filters. Sending and producing are batch jobs' work.
 */
package com.signalops.outreach.domain;
