-- An invitation to join a workspace with a role: a single-use link that expires. Only a SHA-256
-- digest of the link's token is kept; the token itself exists only in the email.
CREATE TABLE invitation (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  workspace_id   BIGINT       NOT NULL,
  email          VARCHAR(254) NOT NULL,
  role_id        BIGINT       NOT NULL,
  token_digest   CHAR(64)     NOT NULL,
  invited_by     BIGINT       NOT NULL,
  created_at     DATETIME(3)  NOT NULL,
  expires_at     DATETIME(3)  NOT NULL,
  accepted_at    DATETIME(3)  NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_invitation_tenant_id (workspace_id, id),
  UNIQUE KEY uk_invitation_token (token_digest),
  CONSTRAINT fk_invitation_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id),
  CONSTRAINT fk_invitation_role FOREIGN KEY (workspace_id, role_id) REFERENCES role (workspace_id, id),
  CONSTRAINT fk_invitation_inviter FOREIGN KEY (invited_by) REFERENCES app_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
