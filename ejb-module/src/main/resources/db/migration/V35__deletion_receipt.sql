-- The receipt of a completed deletion request (issue 8): what was requested, by whom or which webhook, when, the
-- deadline, when it was completed, and how many rows it removed per table. No personal data: ids of the
-- workspace, store and request, the webhook delivery id or the requesting user's id, dates and counts. Written in
-- the transaction that completes the request, with its deletion-request.complete audit record; kept as the proof
-- of the deletion for as long as the workspace's audit records are (docs/data-inventory.md).
CREATE TABLE deletion_receipt (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  request_id    BIGINT        NOT NULL,
  workspace_id  BIGINT        NULL,
  kind          VARCHAR(20)   NOT NULL,
  store_id      BIGINT        NULL,
  origin        VARCHAR(30)   NOT NULL,
  requested_by  VARCHAR(100)  NOT NULL,
  received_at   DATETIME(3)   NOT NULL,
  due_at        DATETIME(3)   NOT NULL,
  started_at    DATETIME(3)   NOT NULL,
  completed_at  DATETIME(3)   NOT NULL,
  -- {"commerce_order": 1000000, "commerce_order:unlinked": 3, ...}: rows removed (or unlinked) per table
  rows_removed  JSON          NOT NULL,
  total_rows    BIGINT        NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_deletion_receipt_request (request_id),
  UNIQUE KEY uk_deletion_receipt_tenant_id (workspace_id, id),
  KEY ix_deletion_receipt_workspace (workspace_id, completed_at),
  CONSTRAINT fk_deletion_receipt_request FOREIGN KEY (request_id) REFERENCES deletion_request (id),
  CONSTRAINT ck_deletion_receipt_rows CHECK (JSON_VALID(rows_removed))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
