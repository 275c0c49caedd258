-- The audit trail and security events, in their first form: the audit issue extends them
-- (hash chain, redaction, viewers). Rows are never updated.
CREATE TABLE audit_record (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  workspace_id  BIGINT        NULL,
  occurred_at   DATETIME(3)   NOT NULL,
  actor_type    VARCHAR(20)   NOT NULL,
  actor_id      VARCHAR(64)   NULL,
  source        VARCHAR(20)   NOT NULL,
  action        VARCHAR(80)   NOT NULL,
  entity_type   VARCHAR(60)   NULL,
  entity_id     VARCHAR(64)   NULL,
  outcome       VARCHAR(20)   NOT NULL,
  client_address_digest CHAR(64) NULL,
  PRIMARY KEY (id),
  KEY ix_audit_record_workspace (workspace_id, occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE security_event (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  workspace_id  BIGINT        NULL,
  occurred_at   DATETIME(3)   NOT NULL,
  type          VARCHAR(60)   NOT NULL,
  severity      VARCHAR(10)   NOT NULL,
  details       VARCHAR(500)  NULL,
  PRIMARY KEY (id),
  KEY ix_security_event_time (occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
