-- Data deletion (issue 8): a request to delete a subject's data, acted on by the data-deletion job.
-- Kinds: SHOP (every row of one store, the store itself last: shop/redact, app/uninstalled), CUSTOMER (every
-- record of one customer of one store: customers/redact), WORKSPACE (a merchant's own workspace, after a grace
-- period in which it can be cancelled), USER (a SignalOps user's own account; no workspace).
-- Ids and dates only. The customer's Shopify id and the order ids the request names are needed while it runs and
-- cleared when it completes (the receipt, V35, keeps what was done, never whom it was about).
CREATE TABLE deletion_request (
  id                   BIGINT        NOT NULL AUTO_INCREMENT,
  workspace_id         BIGINT        NULL,
  kind                 VARCHAR(20)   NOT NULL,
  store_id             BIGINT        NULL,
  shopify_customer_id  BIGINT        NULL,
  -- the order ids a customers/redact names (orders_to_redact), comma-separated; cleared on completion
  shopify_order_ids    TEXT          NULL,
  user_id              BIGINT        NULL,
  -- where it came from: SHOP_REDACT, CUSTOMERS_REDACT, APP_UNINSTALLED (webhooks) or CONSOLE
  origin               VARCHAR(30)   NOT NULL,
  -- the webhook delivery (X-Shopify-Webhook-Id) or the user (their id) that asked for it
  requested_by         VARCHAR(100)  NOT NULL,
  received_at          DATETIME(3)   NOT NULL,
  -- not acted on before: the end of the grace period for a workspace, the receipt otherwise
  act_after            DATETIME(3)   NOT NULL,
  due_at               DATETIME(3)   NOT NULL,
  status               VARCHAR(20)   NOT NULL,
  started_at           DATETIME(3)   NULL,
  completed_at         DATETIME(3)   NULL,
  cancelled_at         DATETIME(3)   NULL,
  cancelled_by         VARCHAR(64)   NULL,
  -- when the deadline watch raised its HIGH (12 h before the deadline) and CRITICAL (missed) events
  deadline_warned_at   DATETIME(3)   NULL,
  deadline_missed_at   DATETIME(3)   NULL,
  -- the subject while the request is open: at most one open request per subject
  open_subject         VARCHAR(120)  AS (CASE WHEN status IN ('PENDING', 'RUNNING')
                         THEN CONCAT_WS(':', kind, workspace_id, store_id, shopify_customer_id, user_id) END) PERSISTENT,
  PRIMARY KEY (id),
  UNIQUE KEY uk_deletion_request_tenant_id (workspace_id, id),
  UNIQUE KEY uk_deletion_request_open_subject (open_subject),
  UNIQUE KEY uk_deletion_request_origin (origin, requested_by, received_at),
  -- the job's question: the open requests whose time has come, most urgent first
  KEY ix_deletion_request_due (status, act_after, due_at),
  KEY ix_deletion_request_workspace (workspace_id, status, due_at),
  CONSTRAINT ck_deletion_request_kind CHECK (
    (kind = 'SHOP' AND workspace_id IS NOT NULL AND store_id IS NOT NULL AND shopify_customer_id IS NULL AND user_id IS NULL)
    OR (kind = 'CUSTOMER' AND workspace_id IS NOT NULL AND store_id IS NOT NULL AND user_id IS NULL
      AND (shopify_customer_id IS NOT NULL OR status IN ('COMPLETED', 'CANCELLED')))
    OR (kind = 'WORKSPACE' AND workspace_id IS NOT NULL AND store_id IS NULL AND shopify_customer_id IS NULL AND user_id IS NULL)
    OR (kind = 'USER' AND workspace_id IS NULL AND store_id IS NULL AND shopify_customer_id IS NULL AND user_id IS NOT NULL)),
  CONSTRAINT ck_deletion_request_origin CHECK (origin IN ('SHOP_REDACT', 'CUSTOMERS_REDACT', 'APP_UNINSTALLED', 'CONSOLE')),
  CONSTRAINT ck_deletion_request_status CHECK (
    (status = 'PENDING' AND completed_at IS NULL AND cancelled_at IS NULL)
    OR (status = 'RUNNING' AND started_at IS NOT NULL AND completed_at IS NULL AND cancelled_at IS NULL)
    OR (status = 'COMPLETED' AND started_at IS NOT NULL AND completed_at IS NOT NULL AND cancelled_at IS NULL)
    OR (status = 'CANCELLED' AND started_at IS NULL AND cancelled_at IS NOT NULL AND cancelled_by IS NOT NULL)),
  CONSTRAINT ck_deletion_request_dates CHECK (due_at > received_at AND act_after >= received_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The rows a request has removed so far, per table (and per action: a customer's orders are unlinked, not
-- deleted). Written in the same transaction as each chunk it counts, so a restart continues with exact counts.
CREATE TABLE deletion_progress (
  request_id    BIGINT       NOT NULL,
  table_name    VARCHAR(80)  NOT NULL,
  rows_removed  BIGINT       NOT NULL,
  PRIMARY KEY (request_id, table_name),
  CONSTRAINT fk_deletion_progress_request FOREIGN KEY (request_id) REFERENCES deletion_request (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A store's privacy requests stay after the store's deletion, as the record of what was asked and when (ids
-- and dates only, the customer ids cleared); so does a deletion request. Neither may hold the store back.
ALTER TABLE privacy_request DROP FOREIGN KEY fk_privacy_request_store;
