package com.signalops.outreach.domain;

/** Where a campaign's sending stands (its approval is the approval request's). */
public enum CampaignStatus { DRAFT, SENDING, SENT }
