-- Workspace API keys. The secret is shown once at creation or rotation and kept only as a SHA-256
-- digest (the secret is 256 random bits, so a fast digest is enough). After a rotation the previous
-- digest stays valid until previous_valid_until (the grace period), then it is useless.
CREATE TABLE api_key (
  id                     BIGINT       NOT NULL AUTO_INCREMENT,
  workspace_id           BIGINT       NOT NULL,
  name                   VARCHAR(120) NOT NULL,
  -- the public part of the key ("sok_<prefix>_<secret>"): finds the key without the secret
  prefix                 CHAR(12)     NOT NULL,
  secret_digest          CHAR(64)     NOT NULL,
  previous_secret_digest CHAR(64)     NULL,
  previous_valid_until   DATETIME(3)  NULL,
  scope_type             VARCHAR(20)  NOT NULL,
  district_id            BIGINT       NULL,
  store_id               BIGINT       NULL,
  created_by             BIGINT       NOT NULL,
  created_at             DATETIME(3)  NOT NULL,
  expires_at             DATETIME(3)  NOT NULL,
  rotated_at             DATETIME(3)  NULL,
  revoked_at             DATETIME(3)  NULL,
  last_used_at           DATETIME(3)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_api_key_tenant_id (workspace_id, id),
  UNIQUE KEY uk_api_key_prefix (prefix),
  CONSTRAINT fk_api_key_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id),
  CONSTRAINT fk_api_key_district FOREIGN KEY (workspace_id, district_id) REFERENCES district (workspace_id, id),
  CONSTRAINT fk_api_key_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id),
  CONSTRAINT fk_api_key_creator FOREIGN KEY (created_by) REFERENCES app_user (id),
  CONSTRAINT ck_api_key_scope CHECK (
    (scope_type = 'WORKSPACE' AND district_id IS NULL AND store_id IS NULL)
    OR (scope_type = 'DISTRICT' AND district_id IS NOT NULL AND store_id IS NULL)
    OR (scope_type = 'STORE' AND store_id IS NOT NULL AND district_id IS NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The permissions a key carries: a subset of its creator's at creation time.
CREATE TABLE api_key_permission (
  api_key_id  BIGINT      NOT NULL,
  permission  VARCHAR(60) NOT NULL,
  PRIMARY KEY (api_key_id, permission),
  CONSTRAINT fk_api_key_permission_key FOREIGN KEY (api_key_id) REFERENCES api_key (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
