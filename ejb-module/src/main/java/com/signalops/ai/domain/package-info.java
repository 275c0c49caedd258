/**
 * The model provider and what surrounds a call to it: the pseudonymizer that replaces personal data by references and
 * restores them, the prompt built from a finding, the validated answer, and the stored exchange. Nothing of the web,
 * REST, Faces or batch APIs; nothing here approves, sends or exports.
 */
package com.signalops.ai.domain;
