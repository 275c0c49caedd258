-- Outward actions and their approvals (issue 9): segments (saved filters over a store's customers), email campaigns,
-- exports of a segment, and the maker-checker requests that stand between each of them and the outside world.

-- A workspace's approval and outreach settings; a workspace without a row has the defaults.
CREATE TABLE outreach_setting (
  workspace_id               BIGINT       NOT NULL,
  -- an approval (and a request waiting for one) lapses this many days after it was given (requested)
  approval_expiry_days       INT          NOT NULL DEFAULT 7,
  -- above this many recipients a request needs two approvers; NULL: one is always enough
  second_approver_threshold  INT          NULL,
  -- AI suggestions through the configured model provider (the provider itself is off unless configured)
  ai_enabled                 BOOLEAN      NOT NULL DEFAULT FALSE,
  updated_by                 BIGINT       NULL,
  updated_at                 DATETIME(3)  NULL,
  PRIMARY KEY (workspace_id),
  CONSTRAINT fk_outreach_setting_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id),
  CONSTRAINT ck_outreach_setting_expiry CHECK (approval_expiry_days BETWEEN 1 AND 90),
  CONSTRAINT ck_outreach_setting_threshold CHECK (second_approver_threshold IS NULL OR second_approver_threshold >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A store's campaign send rate; a store without a row sends at the configured default.
CREATE TABLE store_send_limit (
  workspace_id         BIGINT  NOT NULL,
  store_id             BIGINT  NOT NULL,
  messages_per_minute  INT     NOT NULL,
  PRIMARY KEY (workspace_id, store_id),
  CONSTRAINT fk_store_send_limit_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id),
  CONSTRAINT ck_store_send_limit_rate CHECK (messages_per_minute BETWEEN 1 AND 1000000)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A saved, named filter over one store's customers. The definition is the kind and its parameters; every change
-- of the definition or name raises the version (and voids what was approved of the earlier one).
CREATE TABLE segment (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  workspace_id   BIGINT        NOT NULL,
  store_id       BIGINT        NOT NULL,
  name           VARCHAR(120)  NOT NULL,
  -- UNFULFILLED_PAID (hours), BOUGHT_VARIANT (variant_id, days), FINDING_CUSTOMERS (finding_id)
  kind           VARCHAR(40)   NOT NULL,
  hours          INT           NULL,
  variant_id     BIGINT        NULL,
  days           INT           NULL,
  finding_id     BIGINT        NULL,
  source         VARCHAR(10)   NOT NULL,
  created_by     BIGINT        NULL,
  created_at     DATETIME(3)   NOT NULL,
  updated_at     DATETIME(3)   NOT NULL,
  version        INT           NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_segment_tenant_id (workspace_id, id),
  KEY ix_segment_store (workspace_id, store_id, id),
  CONSTRAINT fk_segment_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id),
  CONSTRAINT ck_segment_kind CHECK (
    (kind = 'UNFULFILLED_PAID' AND hours IS NOT NULL AND variant_id IS NULL AND days IS NULL AND finding_id IS NULL)
    OR (kind = 'BOUGHT_VARIANT' AND variant_id IS NOT NULL AND days IS NOT NULL AND hours IS NULL AND finding_id IS NULL)
    OR (kind = 'FINDING_CUSTOMERS' AND finding_id IS NOT NULL AND hours IS NULL AND variant_id IS NULL AND days IS NULL)),
  CONSTRAINT ck_segment_source CHECK (source IN ('PERSON', 'AI'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- An email to the customers of a segment. Every edit raises the version; the status moves DRAFT -> SENDING -> SENT
-- (the approval lives in approval_request).
CREATE TABLE campaign (
  id                  BIGINT         NOT NULL AUTO_INCREMENT,
  workspace_id        BIGINT         NOT NULL,
  store_id            BIGINT         NOT NULL,
  segment_id          BIGINT         NOT NULL,
  name                VARCHAR(120)   NOT NULL,
  subject             VARCHAR(200)   NOT NULL,
  body                TEXT           NOT NULL,
  source              VARCHAR(10)    NOT NULL,
  -- the finding it was proposed from, if any
  finding_id          BIGINT         NULL,
  created_by          BIGINT         NULL,
  created_at          DATETIME(3)    NOT NULL,
  updated_at          DATETIME(3)    NOT NULL,
  version             INT            NOT NULL,
  status              VARCHAR(20)    NOT NULL,
  send_execution_id   BIGINT         NULL,
  send_started_at     DATETIME(3)    NULL,
  sent_at             DATETIME(3)    NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_campaign_tenant_id (workspace_id, id),
  KEY ix_campaign_store (workspace_id, store_id, id),
  CONSTRAINT fk_campaign_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id),
  CONSTRAINT fk_campaign_segment FOREIGN KEY (workspace_id, segment_id) REFERENCES segment (workspace_id, id),
  CONSTRAINT ck_campaign_status CHECK (status IN ('DRAFT', 'SENDING', 'SENT')),
  CONSTRAINT ck_campaign_source CHECK (source IN ('PERSON', 'AI'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Which fields may leave through a destination. A workspace without a row for a destination lets only the
-- non-personal fields go; a personal field (the email) goes only when the filter lists it and personal_allowed is on,
-- and the export's approval allowed personal data.
CREATE TABLE export_destination_filter (
  workspace_id      BIGINT        NOT NULL,
  destination       VARCHAR(20)   NOT NULL,
  allowed_fields    VARCHAR(500)  NOT NULL,
  personal_allowed  BOOLEAN       NOT NULL DEFAULT FALSE,
  updated_by        BIGINT        NULL,
  updated_at        DATETIME(3)   NULL,
  PRIMARY KEY (workspace_id, destination),
  CONSTRAINT fk_export_destination_filter_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id),
  CONSTRAINT ck_export_destination_filter_destination CHECK (destination IN ('CSV_DOWNLOAD', 'SMTP'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- An export of a segment's customers: which fields, to which destination (a CSV downloaded once through an expiring
-- link, or a CSV mailed to one address). Produced by the segment-export job once approved.
CREATE TABLE segment_export (
  id                BIGINT         NOT NULL AUTO_INCREMENT,
  workspace_id      BIGINT         NOT NULL,
  store_id          BIGINT         NOT NULL,
  segment_id        BIGINT         NOT NULL,
  destination       VARCHAR(20)    NOT NULL,
  -- the address an SMTP export goes to (a staff address, not a customer's)
  recipient         VARCHAR(320)   NULL,
  -- the fields asked for, comma-separated, in order
  fields            VARCHAR(500)   NOT NULL,
  created_by        BIGINT         NULL,
  created_at        DATETIME(3)    NOT NULL,
  updated_at        DATETIME(3)    NOT NULL,
  version           INT            NOT NULL,
  status            VARCHAR(20)    NOT NULL,
  -- the fields that left (the asked ones the filter and approval let through), set when produced
  produced_fields   VARCHAR(500)   NULL,
  row_count         INT            NULL,
  file_name         VARCHAR(200)   NULL,
  token_hash        BINARY(32)     NULL,
  link_expires_at   DATETIME(3)    NULL,
  produced_at       DATETIME(3)    NULL,
  downloaded_at     DATETIME(3)    NULL,
  failure           VARCHAR(200)   NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_segment_export_tenant_id (workspace_id, id),
  UNIQUE KEY uk_segment_export_token (token_hash),
  KEY ix_segment_export_store (workspace_id, store_id, id),
  CONSTRAINT fk_segment_export_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id),
  CONSTRAINT fk_segment_export_segment FOREIGN KEY (workspace_id, segment_id) REFERENCES segment (workspace_id, id),
  CONSTRAINT ck_segment_export_destination CHECK (destination IN ('CSV_DOWNLOAD', 'SMTP')),
  CONSTRAINT ck_segment_export_status CHECK (status IN ('DRAFT', 'PRODUCING', 'READY', 'SENT', 'DOWNLOADED', 'FAILED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A request to approve one version of a segment, campaign or export, bound to what the reviewers see: the SHA-256 of
-- the definition, content and recipient count at request time. Maker-checker: the requester never approves it.
CREATE TABLE approval_request (
  id                   BIGINT         NOT NULL AUTO_INCREMENT,
  workspace_id         BIGINT         NOT NULL,
  store_id             BIGINT         NOT NULL,
  subject_kind         VARCHAR(20)    NOT NULL,
  subject_id           BIGINT         NOT NULL,
  subject_version      INT            NOT NULL,
  source               VARCHAR(10)    NOT NULL,
  -- the person who asked (for an AI proposal: who asked the AI)
  requested_by         BIGINT         NOT NULL,
  requested_at         DATETIME(3)    NOT NULL,
  reviewed_hash        BINARY(32)     NOT NULL,
  recipient_count      INT            NOT NULL,
  approvals_required   INT            NOT NULL,
  -- an export asks to let personal fields leave
  personal_data        BOOLEAN        NOT NULL DEFAULT FALSE,
  status               VARCHAR(20)    NOT NULL,
  expires_at           DATETIME(3)    NOT NULL,
  closed_at            DATETIME(3)    NULL,
  -- who withdrew or rejected it, or NULL when SignalOps closed it (void, expiry)
  closed_by            BIGINT         NULL,
  reason               VARCHAR(500)   NULL,
  -- set once an approved request is carried out (a send started, an export produced)
  used_at              DATETIME(3)    NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_approval_request_tenant_id (workspace_id, id),
  KEY ix_approval_request_status (workspace_id, status, store_id, id),
  KEY ix_approval_request_subject (workspace_id, subject_kind, subject_id, status),
  KEY ix_approval_request_expiry (status, expires_at),
  CONSTRAINT fk_approval_request_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id),
  CONSTRAINT ck_approval_request_kind CHECK (subject_kind IN ('SEGMENT', 'CAMPAIGN', 'EXPORT')),
  CONSTRAINT ck_approval_request_source CHECK (source IN ('PERSON', 'AI')),
  CONSTRAINT ck_approval_request_required CHECK (approvals_required IN (1, 2)),
  CONSTRAINT ck_approval_request_status CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'VOIDED', 'EXPIRED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Each approver's decision on a request, once per approver, with the hash they saw.
CREATE TABLE approval_decision (
  id                    BIGINT        NOT NULL AUTO_INCREMENT,
  workspace_id          BIGINT        NOT NULL,
  approval_request_id   BIGINT        NOT NULL,
  approver_id           BIGINT        NOT NULL,
  decision              VARCHAR(10)   NOT NULL,
  reason                VARCHAR(500)  NULL,
  reviewed_hash         BINARY(32)    NOT NULL,
  decided_at            DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_approval_decision_approver (approval_request_id, approver_id),
  CONSTRAINT fk_approval_decision_request FOREIGN KEY (workspace_id, approval_request_id)
    REFERENCES approval_request (workspace_id, id) ON DELETE CASCADE,
  CONSTRAINT ck_approval_decision CHECK (decision IN ('APPROVE', 'REJECT'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per recipient of a campaign's send, written before any message leaves. SENT is committed in the moment
-- between the message's content and the SMTP end-of-data, together with the consent check, so a send killed at any
-- point and restarted delivers each recipient once.
CREATE TABLE campaign_delivery (
  id                   BIGINT        NOT NULL AUTO_INCREMENT,
  workspace_id         BIGINT        NOT NULL,
  store_id             BIGINT        NOT NULL,
  campaign_id          BIGINT        NOT NULL,
  customer_id          BIGINT        NOT NULL,
  status               VARCHAR(20)   NOT NULL,
  sent_at              DATETIME(3)   NULL,
  failure              VARCHAR(200)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_campaign_delivery_recipient (campaign_id, customer_id),
  KEY ix_campaign_delivery_status (campaign_id, status, id),
  KEY ix_campaign_delivery_customer (workspace_id, store_id, customer_id),
  CONSTRAINT fk_campaign_delivery_campaign FOREIGN KEY (workspace_id, campaign_id) REFERENCES campaign (workspace_id, id),
  CONSTRAINT ck_campaign_delivery_status CHECK (status IN ('PENDING', 'SENT', 'SKIPPED_CONSENT', 'FAILED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Addresses (as the keyed email hash) that unsubscribed through a campaign's link: no campaign goes to them again,
-- whatever a later import or webhook says of their consent.
CREATE TABLE email_suppression (
  workspace_id   BIGINT        NOT NULL,
  store_id       BIGINT        NOT NULL,
  email_hash     BINARY(32)    NOT NULL,
  customer_id    BIGINT        NULL,
  campaign_id    BIGINT        NULL,
  created_at     DATETIME(3)   NOT NULL,
  PRIMARY KEY (workspace_id, store_id, email_hash),
  CONSTRAINT fk_email_suppression_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- What was sent to and received from the AI model provider for one suggestion: bounded previews (personal data
-- already replaced by references) and the SHA-256 of the whole of each, and what the suggestion became.
CREATE TABLE ai_exchange (
  id                    BIGINT         NOT NULL AUTO_INCREMENT,
  workspace_id          BIGINT         NOT NULL,
  store_id              BIGINT         NOT NULL,
  finding_id            BIGINT         NOT NULL,
  requested_by          BIGINT         NOT NULL,
  requested_at          DATETIME(3)    NOT NULL,
  model                 VARCHAR(100)   NOT NULL,
  request_preview       VARCHAR(2000)  NOT NULL,
  request_hash          BINARY(32)     NOT NULL,
  response_preview      VARCHAR(2000)  NULL,
  response_hash         BINARY(32)     NULL,
  status                VARCHAR(20)    NOT NULL,
  failure               VARCHAR(200)   NULL,
  campaign_id           BIGINT         NULL,
  approval_request_id   BIGINT         NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_ai_exchange_tenant_id (workspace_id, id),
  KEY ix_ai_exchange_store (workspace_id, store_id, id),
  CONSTRAINT fk_ai_exchange_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id),
  CONSTRAINT ck_ai_exchange_status CHECK (status IN ('PROPOSED', 'FAILED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
