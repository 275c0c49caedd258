-- Tenancy and identity. Every tenant-owned table carries workspace_id, and its foreign and
-- unique keys include it, so that the database itself refuses a link across workspaces.

CREATE TABLE workspace (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  name        VARCHAR(120) NOT NULL,
  status      VARCHAR(20)  NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE district (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  workspace_id  BIGINT       NOT NULL,
  name          VARCHAR(120) NOT NULL,
  created_at    DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_district_tenant_id (workspace_id, id),
  UNIQUE KEY uk_district_name (workspace_id, name),
  CONSTRAINT fk_district_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE store (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  workspace_id  BIGINT       NOT NULL,
  district_id   BIGINT       NULL,
  store_code    VARCHAR(40)  NOT NULL,
  shop_domain   VARCHAR(255) NOT NULL,
  currency      CHAR(3)      NOT NULL,
  timezone      VARCHAR(64)  NOT NULL,
  created_at    DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_store_tenant_id (workspace_id, id),
  UNIQUE KEY uk_store_code (workspace_id, store_code),
  -- a Shopify shop belongs to one workspace only
  UNIQUE KEY uk_store_shop_domain (shop_domain),
  CONSTRAINT fk_store_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id),
  CONSTRAINT fk_store_district FOREIGN KEY (workspace_id, district_id) REFERENCES district (workspace_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A person who can sign in. Global: one account may hold memberships in several workspaces.
CREATE TABLE app_user (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  email          VARCHAR(254) NOT NULL,
  display_name   VARCHAR(120) NOT NULL,
  password_hash  VARCHAR(200) NULL,
  status         VARCHAR(20)  NOT NULL,
  created_at     DATETIME(3)  NOT NULL,
  password_changed_at DATETIME(3) NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_app_user_email (email)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Roles of a workspace: the four built-in ones (seeded with the workspace, not editable) and custom ones.
CREATE TABLE role (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  workspace_id  BIGINT       NOT NULL,
  code          VARCHAR(60)  NOT NULL,
  name          VARCHAR(120) NOT NULL,
  built_in      BOOLEAN      NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_role_tenant_id (workspace_id, id),
  UNIQUE KEY uk_role_code (workspace_id, code),
  CONSTRAINT fk_role_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A role's permissions: rows of the role, which carries the workspace.
CREATE TABLE role_permission (
  role_id       BIGINT       NOT NULL,
  permission    VARCHAR(60)  NOT NULL,
  PRIMARY KEY (role_id, permission),
  CONSTRAINT fk_role_permission_role FOREIGN KEY (role_id) REFERENCES role (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A user's role in a workspace, scoped to the whole workspace, one district or one store.
CREATE TABLE membership (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  workspace_id  BIGINT       NOT NULL,
  user_id       BIGINT       NOT NULL,
  role_id       BIGINT       NOT NULL,
  scope_type    VARCHAR(20)  NOT NULL,
  district_id   BIGINT       NULL,
  store_id      BIGINT       NULL,
  created_at    DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_membership_tenant_id (workspace_id, id),
  CONSTRAINT fk_membership_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id),
  CONSTRAINT fk_membership_user FOREIGN KEY (user_id) REFERENCES app_user (id),
  CONSTRAINT fk_membership_role FOREIGN KEY (workspace_id, role_id) REFERENCES role (workspace_id, id),
  CONSTRAINT fk_membership_district FOREIGN KEY (workspace_id, district_id) REFERENCES district (workspace_id, id),
  CONSTRAINT fk_membership_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id),
  CONSTRAINT ck_membership_scope CHECK (
    (scope_type = 'WORKSPACE' AND district_id IS NULL AND store_id IS NULL)
    OR (scope_type = 'DISTRICT' AND district_id IS NOT NULL AND store_id IS NULL)
    OR (scope_type = 'STORE' AND store_id IS NOT NULL AND district_id IS NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Sign-in attempts, for the brute-force limits. The account and the address are kept only as
-- SHA-256 digests; rows older than 30 minutes serve no limit (the retention sweep will delete them).
CREATE TABLE login_attempt (
  id               BIGINT       NOT NULL AUTO_INCREMENT,
  account_digest   CHAR(64)     NOT NULL,
  address_digest   CHAR(64)     NOT NULL,
  attempted_at     DATETIME(3)  NOT NULL,
  succeeded        BOOLEAN      NOT NULL,
  PRIMARY KEY (id),
  KEY ix_login_attempt_account (account_digest, attempted_at),
  KEY ix_login_attempt_address (address_digest, attempted_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
