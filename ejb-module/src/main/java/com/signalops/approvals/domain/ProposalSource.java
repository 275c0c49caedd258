package com.signalops.approvals.domain;

/** Who drafted what is to be approved: a person, or the AI model provider (a proposal only, never a decision). */
public enum ProposalSource { PERSON, AI }
