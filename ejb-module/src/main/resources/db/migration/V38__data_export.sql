-- Data exports (issue 8): the JSON export of one customer's data for a customers/data_request, and the zip of a whole
-- workspace (portability). The file lives under SIGNALOPS_EXPORT_DIR (a customer's sealed by the credentials vault,
-- a workspace's owner-only), named by the row; it is deleted when downloaded, or when the export expires 7 days after
-- it became ready. The download link is a single-use token of 256 random bits: only its SHA-256 is kept here, and only
-- until the download (docs/data-inventory.md).
CREATE TABLE data_export (
  id                  BIGINT        NOT NULL AUTO_INCREMENT,
  workspace_id        BIGINT        NOT NULL,
  kind                VARCHAR(20)   NOT NULL,
  -- the customer data request it answers (CUSTOMER_DATA only)
  privacy_request_id  BIGINT        NULL,
  store_id            BIGINT        NULL,
  status              VARCHAR(20)   NOT NULL,
  -- a person's id, or 'shopify' for a request that came by webhook
  requested_by        VARCHAR(64)   NOT NULL,
  requested_at        DATETIME(3)   NOT NULL,
  job_execution_id    BIGINT        NULL,
  bytes               BIGINT        NULL,
  ready_at            DATETIME(3)   NULL,
  expires_at          DATETIME(3)   NULL,
  token_hash          BINARY(32)    NULL,
  link_issued_by      VARCHAR(64)   NULL,
  link_issued_at      DATETIME(3)   NULL,
  downloaded_by       VARCHAR(64)   NULL,
  downloaded_at       DATETIME(3)   NULL,
  failure             VARCHAR(500)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_data_export_tenant_id (workspace_id, id),
  -- one export per customer data request, however often the processor finds it
  UNIQUE KEY uk_data_export_request (privacy_request_id),
  -- a download finds its export by the token's hash alone, then checks the workspace
  UNIQUE KEY uk_data_export_token (token_hash),
  -- the processor's question: exports of a status, oldest first
  KEY ix_data_export_status (status, id),
  KEY ix_data_export_workspace (workspace_id, kind, id),
  CONSTRAINT fk_data_export_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id),
  CONSTRAINT fk_data_export_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id),
  CONSTRAINT fk_data_export_request FOREIGN KEY (workspace_id, privacy_request_id) REFERENCES privacy_request (workspace_id, id),
  CONSTRAINT ck_data_export_kind CHECK (kind IN ('CUSTOMER_DATA', 'WORKSPACE')),
  CONSTRAINT ck_data_export_status CHECK (status IN ('PENDING', 'RUNNING', 'READY', 'DOWNLOADED', 'EXPIRED', 'FAILED')),
  CONSTRAINT ck_data_export_customer CHECK ((kind = 'CUSTOMER_DATA') = (privacy_request_id IS NOT NULL AND store_id IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
