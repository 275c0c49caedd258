-- Revenue-leak analysis (issue 7; docs/data-inventory.md says why each column is kept and for how long).
-- A finding is one rule's match on one subject of one store (an order, a variant, or a discount code with a
-- normalised email's keyed hash), upserted by (store, rule, subject): an analysis replayed or re-run updates the row
-- it made, never adds a second one. Amounts are the store's currency, rounded to cents half-even.
CREATE TABLE leak_finding (
  id                 BIGINT          NOT NULL AUTO_INCREMENT,
  workspace_id       BIGINT          NOT NULL,
  store_id           BIGINT          NOT NULL,
  rule_code          VARCHAR(40)     NOT NULL,
  -- order:<id>, variant:<id> or code:<hex of the email hash>:<upper-cased code>
  subject            VARCHAR(330)    NOT NULL,
  amount             DECIMAL(19, 2)  NOT NULL,
  currency           CHAR(3)         NOT NULL,
  -- the orders, line items, variants or codes involved and the figures the rule compared; never an email
  evidence           JSON            NOT NULL,
  first_seen_at      DATETIME(3)     NOT NULL,
  last_seen_at       DATETIME(3)     NOT NULL,
  status             VARCHAR(20)     NOT NULL,
  -- who changed the status last: a person's or key's id, or 'analysis'; NULL while it is as the analysis opened it
  status_changed_by  VARCHAR(64)     NULL,
  status_changed_at  DATETIME(3)     NULL,
  status_reason      VARCHAR(500)    NULL,
  -- the analysis transaction that last saw it match: what that transaction did not see, it resolves
  run_token          BINARY(16)      NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_leak_finding_tenant_id (workspace_id, id),
  UNIQUE KEY uk_leak_finding_subject (workspace_id, store_id, rule_code, subject),
  KEY ix_leak_finding_status (workspace_id, store_id, status, rule_code, id),
  -- a store's findings of one status, largest amount first: the list's order, without sorting 100,000 rows
  KEY ix_leak_finding_amount (workspace_id, store_id, status, amount, id),
  CONSTRAINT fk_leak_finding_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id),
  CONSTRAINT ck_leak_finding_status CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'DISMISSED')),
  CONSTRAINT ck_leak_finding_evidence CHECK (JSON_VALID(evidence))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A store's rule thresholds where they differ from the contract's defaults (a store without a row uses the
-- defaults; every column here has the default the issue's table gives).
CREATE TABLE leak_rule_setting (
  workspace_id             BIGINT          NOT NULL,
  store_id                 BIGINT          NOT NULL,
  lookback_days            INT             NOT NULL DEFAULT 90,
  unfulfilled_hours        INT             NOT NULL DEFAULT 48,
  stale_payment_days       INT             NOT NULL DEFAULT 5,
  min_units_sold           INT             NOT NULL DEFAULT 10,
  refund_rate              DECIMAL(9, 4)   NOT NULL DEFAULT 0.2000,
  velocity_days            INT             NOT NULL DEFAULT 30,
  min_velocity             DECIMAL(9, 4)   NOT NULL DEFAULT 0.5000,
  lost_days                INT             NOT NULL DEFAULT 7,
  free_shipping_threshold  DECIMAL(19, 4)  NOT NULL DEFAULT 50.0000,
  flat_shipping_rate       DECIMAL(19, 4)  NOT NULL DEFAULT 5.9900,
  updated_by               VARCHAR(64)     NOT NULL,
  updated_at               DATETIME(3)     NOT NULL,
  PRIMARY KEY (workspace_id, store_id),
  CONSTRAINT fk_leak_rule_setting_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
