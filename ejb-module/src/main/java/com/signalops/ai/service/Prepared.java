package com.signalops.ai.service;

import com.signalops.ai.domain.Pseudonymizer;
import com.signalops.ai.domain.SuggestionPrompt;

/**
 * A suggestion ready to be asked: the finding and its store, the pseudonymized conversation, and the pseudonymizer that
 * holds the way back to the real values (in memory only, for the length of one suggestion).
 */
public record Prepared(long storeId, long findingId, String findingLabel, SuggestionPrompt prompt, Pseudonymizer pseudonymizer) {
}
