/**
 * AI suggestions: from a revenue-leak finding, a proposed segment and email draft asked of a configured chat-completions
 * model with personal data replaced by references first. What comes back is only ever a proposal in the approval queue.
 */
package com.signalops.ai;
