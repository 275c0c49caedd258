-- Temporary access of platform staff to a workspace: time-boxed, with a stated reason, visible to
-- the workspace's admins. Who is staff is configuration (signalops.platform.staff), not a column.
CREATE TABLE staff_access (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  workspace_id   BIGINT        NOT NULL,
  staff_user_id  BIGINT        NOT NULL,
  reason         VARCHAR(500)  NOT NULL,
  started_at     DATETIME(3)   NOT NULL,
  expires_at     DATETIME(3)   NOT NULL,
  ended_at       DATETIME(3)   NULL,
  ended_by       BIGINT        NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_staff_access_tenant_id (workspace_id, id),
  KEY ix_staff_access_expiry (workspace_id, expires_at),
  CONSTRAINT fk_staff_access_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id),
  CONSTRAINT fk_staff_access_staff FOREIGN KEY (staff_user_id) REFERENCES app_user (id),
  CONSTRAINT fk_staff_access_ended_by FOREIGN KEY (ended_by) REFERENCES app_user (id),
  CONSTRAINT ck_staff_access_period CHECK (expires_at > started_at),
  CONSTRAINT ck_staff_access_ended CHECK ((ended_at IS NULL) = (ended_by IS NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
