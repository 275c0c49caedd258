-- Shopify webhooks: every verified delivery is stored here in the request that receives it, before the answer,
-- and processed later from this table, so that a crash between receipt and processing loses nothing. The
-- webhook id (X-Shopify-Webhook-Id) is unique: a repeated delivery is acknowledged and not stored again.
-- Not tenant-owned: a delivery for an unknown shop has no workspace. The body may hold personal data of the
-- shop's customers (docs/data-inventory.md): kept 30 days, then deleted by a retention sweep.
CREATE TABLE webhook_inbox (
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  webhook_id      VARCHAR(100)  NOT NULL,
  topic           VARCHAR(60)   NOT NULL,
  shop_domain     VARCHAR(255)  NOT NULL,
  workspace_id    BIGINT        NULL,
  store_id        BIGINT        NULL,
  api_version     VARCHAR(20)   NULL,
  triggered_at    DATETIME(3)   NULL,
  received_at     DATETIME(3)   NOT NULL,
  body            MEDIUMBLOB    NOT NULL,
  status          VARCHAR(20)   NOT NULL,
  attempts        INT           NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(3)   NOT NULL,
  processed_at    DATETIME(3)   NULL,
  last_error      VARCHAR(500)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_webhook_inbox_webhook_id (webhook_id),
  -- the processor's question: the due deliveries of a status, oldest first
  KEY ix_webhook_inbox_due (status, next_attempt_at, id),
  KEY ix_webhook_inbox_received (received_at),
  CONSTRAINT fk_webhook_inbox_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id),
  CONSTRAINT ck_webhook_inbox_status CHECK (status IN ('RECEIVED', 'PROCESSED', 'IGNORED', 'FAILED')),
  CONSTRAINT ck_webhook_inbox_shop CHECK ((workspace_id IS NULL) = (store_id IS NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A data subject request Shopify sent through a compliance webhook (customers/data_request,
-- customers/redact, shop/redact), to be acted on by its legal deadline. Ids only: the customer's email and
-- phone in the webhook are not copied here.
CREATE TABLE privacy_request (
  id                  BIGINT       NOT NULL AUTO_INCREMENT,
  workspace_id        BIGINT       NOT NULL,
  store_id            BIGINT       NOT NULL,
  kind                VARCHAR(30)  NOT NULL,
  shopify_customer_id BIGINT       NULL,
  -- the order ids the request names (orders_requested / orders_to_redact), comma-separated
  shopify_order_ids   TEXT         NULL,
  -- the delivery it came from (X-Shopify-Webhook-Id): kept after the inbox row's retention has ended
  webhook_id          VARCHAR(100) NOT NULL,
  received_at         DATETIME(3)  NOT NULL,
  due_at              DATETIME(3)  NOT NULL,
  status              VARCHAR(20)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_privacy_request_tenant_id (workspace_id, id),
  -- one request per delivery, however often processing is retried
  UNIQUE KEY uk_privacy_request_webhook (webhook_id),
  KEY ix_privacy_request_due (workspace_id, status, due_at),
  CONSTRAINT fk_privacy_request_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id),
  CONSTRAINT fk_privacy_request_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id),
  CONSTRAINT ck_privacy_request_kind CHECK (kind IN ('CUSTOMER_DATA_REQUEST', 'CUSTOMER_REDACT', 'SHOP_REDACT')),
  CONSTRAINT ck_privacy_request_due CHECK (due_at > received_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
