-- A store's shop data, as little of it as the revenue-leak rules need (issue 6; docs/data-inventory.md
-- says why each column is kept). Every row carries its workspace and store; the key of each table starts
-- with them, so a store's rows are stored together and the tenant foreign key needs no index of its own.
-- Ids are the numeric part of Shopify's gids (gid://shopify/Order/7001 -> 7001), unique per store.
-- import_id names the import that last wrote the row (NULL when a webhook did); it has no index of its own (each
-- would cost every import's writes): an import's counts and a restart's parents scan the store's rows by key.
-- Money is the shop's currency, exact (DECIMAL), as Shopify's decimal strings give it.
CREATE TABLE commerce_product (
  workspace_id  BIGINT        NOT NULL,
  store_id      BIGINT        NOT NULL,
  product_id    BIGINT        NOT NULL,
  title         VARCHAR(255)  NULL,
  status        VARCHAR(20)   NULL,
  updated_at    DATETIME(3)   NULL,
  import_id     BIGINT        NULL,
  PRIMARY KEY (workspace_id, store_id, product_id),
  CONSTRAINT fk_commerce_product_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE commerce_variant (
  workspace_id        BIGINT         NOT NULL,
  store_id            BIGINT         NOT NULL,
  variant_id          BIGINT         NOT NULL,
  product_id          BIGINT         NOT NULL,
  sku                 VARCHAR(255)   NULL,
  price               DECIMAL(19, 4) NOT NULL,
  inventory_quantity  INT            NULL,
  inventory_item_id   BIGINT         NULL,
  inventory_tracked   BOOLEAN        NULL,
  unit_cost           DECIMAL(19, 4) NULL,
  cost_currency       CHAR(3)        NULL,
  import_id           BIGINT         NULL,
  PRIMARY KEY (workspace_id, store_id, variant_id),
  KEY ix_commerce_variant_product (workspace_id, store_id, product_id),
  KEY ix_commerce_variant_inventory_item (workspace_id, store_id, inventory_item_id),
  CONSTRAINT fk_commerce_variant_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A customer: no name, address or phone. The email only sealed by the credentials vault (AES-256-GCM,
-- purpose customer-email, the workspace and store in its associated data) and as a keyed hash
-- (HMAC-SHA256 of the normalised address) for matching; the marketing consent with its time.
CREATE TABLE commerce_customer (
  workspace_id            BIGINT          NOT NULL,
  store_id                BIGINT          NOT NULL,
  customer_id             BIGINT          NOT NULL,
  email_key_version       INT             NULL,
  email_nonce             VARBINARY(12)   NULL,
  email_ciphertext        VARBINARY(1040) NULL,
  email_hash              BINARY(32)      NULL,
  marketing_state         VARCHAR(40)     NULL,
  marketing_opt_in_level  VARCHAR(40)     NULL,
  consent_updated_at      DATETIME(3)     NULL,
  created_at              DATETIME(3)     NULL,
  import_id               BIGINT          NULL,
  PRIMARY KEY (workspace_id, store_id, customer_id),
  KEY ix_commerce_customer_email_hash (workspace_id, store_id, email_hash),
  CONSTRAINT fk_commerce_customer_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id),
  CONSTRAINT ck_commerce_customer_email CHECK (
    (email_ciphertext IS NULL AND email_nonce IS NULL AND email_key_version IS NULL AND email_hash IS NULL)
    OR (email_ciphertext IS NOT NULL AND email_nonce IS NOT NULL AND email_key_version IS NOT NULL AND email_hash IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- An order keeps its email only as the keyed hash (discount-code reuse compares it).
CREATE TABLE commerce_order (
  workspace_id        BIGINT         NOT NULL,
  store_id            BIGINT         NOT NULL,
  order_id            BIGINT         NOT NULL,
  name                VARCHAR(64)    NULL,
  created_at          DATETIME(3)    NOT NULL,
  cancelled_at        DATETIME(3)    NULL,
  test                BOOLEAN        NOT NULL,
  email_hash          BINARY(32)     NULL,
  customer_id         BIGINT         NULL,
  financial_status    VARCHAR(40)    NULL,
  fulfillment_status  VARCHAR(40)    NULL,
  currency            CHAR(3)        NULL,
  subtotal_price      DECIMAL(19, 4) NOT NULL,
  total_price         DECIMAL(19, 4) NOT NULL,
  total_discounts     DECIMAL(19, 4) NOT NULL,
  total_shipping      DECIMAL(19, 4) NOT NULL,
  total_refunded      DECIMAL(19, 4) NOT NULL,
  import_id           BIGINT         NULL,
  PRIMARY KEY (workspace_id, store_id, order_id),
  KEY ix_commerce_order_created (workspace_id, store_id, created_at),
  KEY ix_commerce_order_customer (workspace_id, store_id, customer_id),
  CONSTRAINT fk_commerce_order_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The discount codes of an order's last version, each once, as written (the rules upper-case them).
CREATE TABLE commerce_order_discount_code (
  workspace_id  BIGINT        NOT NULL,
  store_id      BIGINT        NOT NULL,
  order_id      BIGINT        NOT NULL,
  code          VARCHAR(255)  NOT NULL,
  PRIMARY KEY (workspace_id, store_id, order_id, code),
  CONSTRAINT fk_commerce_order_discount_code_order FOREIGN KEY (workspace_id, store_id, order_id)
    REFERENCES commerce_order (workspace_id, store_id, order_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The refunds of an order's last version, and what each refunded per line item.
CREATE TABLE commerce_refund (
  workspace_id    BIGINT         NOT NULL,
  store_id        BIGINT         NOT NULL,
  refund_id       BIGINT         NOT NULL,
  order_id        BIGINT         NOT NULL,
  created_at      DATETIME(3)    NULL,
  total_refunded  DECIMAL(19, 4) NOT NULL,
  import_id       BIGINT         NULL,
  PRIMARY KEY (workspace_id, store_id, refund_id),
  KEY ix_commerce_refund_order (workspace_id, store_id, order_id),
  CONSTRAINT fk_commerce_refund_order FOREIGN KEY (workspace_id, store_id, order_id)
    REFERENCES commerce_order (workspace_id, store_id, order_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE commerce_refund_line (
  workspace_id  BIGINT    NOT NULL,
  store_id      BIGINT    NOT NULL,
  refund_id     BIGINT    NOT NULL,
  position      SMALLINT  NOT NULL,
  line_item_id  BIGINT    NOT NULL,
  quantity      INT       NOT NULL,
  PRIMARY KEY (workspace_id, store_id, refund_id, position),
  KEY ix_commerce_refund_line_item (workspace_id, store_id, line_item_id),
  CONSTRAINT fk_commerce_refund_line_refund FOREIGN KEY (workspace_id, store_id, refund_id)
    REFERENCES commerce_refund (workspace_id, store_id, refund_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE commerce_line_item (
  workspace_id           BIGINT         NOT NULL,
  store_id               BIGINT         NOT NULL,
  line_item_id           BIGINT         NOT NULL,
  order_id               BIGINT         NOT NULL,
  sku                    VARCHAR(255)   NULL,
  quantity               INT            NOT NULL,
  requires_shipping      BOOLEAN        NOT NULL,
  variant_id             BIGINT         NULL,
  original_unit_price    DECIMAL(19, 4) NOT NULL,
  discounted_unit_price  DECIMAL(19, 4) NOT NULL,
  import_id              BIGINT         NULL,
  PRIMARY KEY (workspace_id, store_id, line_item_id),
  KEY ix_commerce_line_item_order (workspace_id, store_id, order_id),
  KEY ix_commerce_line_item_variant (workspace_id, store_id, variant_id),
  CONSTRAINT fk_commerce_line_item_order FOREIGN KEY (workspace_id, store_id, order_id)
    REFERENCES commerce_order (workspace_id, store_id, order_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One import of a store's JSONL files (uploaded, or fetched by a Shopify bulk operation), run by the
-- store-import job. Counts are filled when it completes (distinct gids per type after upserts).
CREATE TABLE store_import (
  id                BIGINT        NOT NULL AUTO_INCREMENT,
  workspace_id      BIGINT        NOT NULL,
  store_id          BIGINT        NOT NULL,
  source            VARCHAR(20)   NOT NULL,
  -- the resources it reads, comma-separated in import order: products,customers,orders
  resources         VARCHAR(40)   NOT NULL,
  status            VARCHAR(20)   NOT NULL,
  requested_by      VARCHAR(64)   NOT NULL,
  requested_at      DATETIME(3)   NOT NULL,
  job_execution_id  BIGINT        NULL,
  finished_at       DATETIME(3)   NULL,
  products          BIGINT        NULL,
  variants          BIGINT        NULL,
  customers         BIGINT        NULL,
  orders            BIGINT        NULL,
  line_items        BIGINT        NULL,
  refunds           BIGINT        NULL,
  skipped_lines     BIGINT        NULL,
  failure           VARCHAR(500)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_store_import_tenant_id (workspace_id, id),
  KEY ix_store_import_store (workspace_id, store_id, id),
  CONSTRAINT fk_store_import_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A line an import skipped: where and why, never the line itself (it may hold personal data).
CREATE TABLE store_import_skip (
  workspace_id  BIGINT        NOT NULL,
  import_id     BIGINT        NOT NULL,
  resource      VARCHAR(20)   NOT NULL,
  line_number   BIGINT        NOT NULL,
  reason        VARCHAR(40)   NOT NULL,
  detail        VARCHAR(200)  NULL,
  PRIMARY KEY (workspace_id, import_id, resource, line_number),
  CONSTRAINT fk_store_import_skip_import FOREIGN KEY (workspace_id, import_id) REFERENCES store_import (workspace_id, id)
    ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
