/**
 * Maker-checker approvals of outward actions (a segment, a campaign, an export): the request bound to the hash of what
 * its reviewers see, the decisions, and the rules of who may decide. Nothing here sends, builds or exports anything.
 */
package com.signalops.approvals.domain;
