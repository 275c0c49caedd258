-- Retention settings per workspace (issue 8): how many days each kind of data is kept before the nightly
-- retention-sweep deletes it. A workspace without a row keeps the defaults (RetentionCategory); a row holds
-- every period, each at or above its floor (the service refuses less; the audit floor comes from configuration).
CREATE TABLE retention_setting (
  id                    BIGINT       NOT NULL AUTO_INCREMENT,
  workspace_id          BIGINT       NOT NULL,
  orders_days           INT          NOT NULL,
  leak_findings_days    INT          NOT NULL,
  webhook_inbox_days    INT          NOT NULL,
  import_files_days     INT          NOT NULL,
  job_history_days      INT          NOT NULL,
  audit_records_days    INT          NOT NULL,
  security_events_days  INT          NOT NULL,
  updated_by            VARCHAR(64)  NOT NULL,
  updated_at            DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_retention_setting_workspace (workspace_id),
  CONSTRAINT fk_retention_setting_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id),
  CONSTRAINT ck_retention_setting_positive CHECK (orders_days > 0 AND leak_findings_days > 0 AND webhook_inbox_days > 0
    AND import_files_days > 0 AND job_history_days > 0 AND audit_records_days > 0 AND security_events_days > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
