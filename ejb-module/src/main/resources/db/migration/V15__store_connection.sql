-- A store's connection to its Shopify shop. The access token is kept only sealed by the credentials vault
-- (AES-256-GCM; docs/security.md): key version, 12-byte nonce, ciphertext with its 16-byte tag. A disconnect
-- sets those three columns to NULL and records when the store's data is to be deleted (48 hours later).
-- Rows of past connections stay, without a token, as the record of the deletion request.
CREATE TABLE store_connection (
  id                     BIGINT         NOT NULL AUTO_INCREMENT,
  workspace_id           BIGINT         NOT NULL,
  store_id               BIGINT         NOT NULL,
  status                 VARCHAR(20)    NOT NULL,
  -- the access scopes Shopify granted, comma-separated, sorted
  granted_scopes         VARCHAR(1000)  NOT NULL,
  token_key_version      INT            NULL,
  token_nonce            VARBINARY(12)  NULL,
  token_ciphertext       VARBINARY(1040) NULL,
  connected_at           DATETIME(3)    NOT NULL,
  disconnected_at        DATETIME(3)    NULL,
  deletion_requested_at  DATETIME(3)    NULL,
  deletion_due_at        DATETIME(3)    NULL,
  -- the store while the connection is live, NULL after: at most one live connection per store
  live_store_id          BIGINT AS (CASE WHEN status = 'CONNECTED' THEN store_id END) PERSISTENT,
  PRIMARY KEY (id),
  UNIQUE KEY uk_store_connection_tenant_id (workspace_id, id),
  UNIQUE KEY uk_store_connection_live (workspace_id, live_store_id),
  KEY ix_store_connection_store (workspace_id, store_id),
  CONSTRAINT fk_store_connection_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id),
  CONSTRAINT fk_store_connection_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id),
  CONSTRAINT ck_store_connection_state CHECK (
    (status = 'CONNECTED' AND token_key_version IS NOT NULL AND token_nonce IS NOT NULL AND token_ciphertext IS NOT NULL
      AND disconnected_at IS NULL AND deletion_requested_at IS NULL AND deletion_due_at IS NULL)
    OR (status = 'DISCONNECTED' AND token_key_version IS NULL AND token_nonce IS NULL AND token_ciphertext IS NULL
      AND disconnected_at IS NOT NULL AND deletion_requested_at IS NOT NULL AND deletion_due_at IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
