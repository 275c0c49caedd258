-- Tamper evidence for the audit trail (issue 5).
--
-- Each chain (a workspace's records; records of no workspace form chain 0) is a hash chain:
-- record_hash = SHA-256 of the record's canonical form, which includes seq and prev_hash, the
-- record_hash of its predecessor (64 zeros for the first record). The canonical form is defined
-- once in Java (AuditRecordCanonicalForm) and written out again below only for the backfill of the
-- records that exist before this migration; AuditChainBackfillTest proves that both agree.
-- Each field is written as "-" when NULL, else as "<length in characters>:<value>", fields joined
-- by "|", so no two different records share a canonical form.
ALTER TABLE audit_record
  ADD COLUMN chain_key   BIGINT   AS (COALESCE(workspace_id, 0)) PERSISTENT AFTER workspace_id,
  ADD COLUMN seq         BIGINT   NULL AFTER chain_key,
  ADD COLUMN prev_hash   CHAR(64) NULL,
  ADD COLUMN record_hash CHAR(64) NULL;

-- Backfill: positions in id order per chain, then the hashes in that order (MariaDB evaluates the
-- ordered UPDATE row by row, so @prev carries each record's hash to its successor).
UPDATE audit_record r
  JOIN (SELECT id, ROW_NUMBER() OVER (PARTITION BY chain_key ORDER BY id) AS position FROM audit_record) p ON p.id = r.id
   SET r.seq = p.position;

SET @prev := REPEAT('0', 64);
UPDATE audit_record
   SET prev_hash = IF(seq = 1, REPEAT('0', 64), @prev),
       record_hash = (@prev := SHA2(CONCAT_WS('|',
           chain_key,
           seq,
           IF(seq = 1, REPEAT('0', 64), @prev),
           IF(workspace_id IS NULL, '-', CONCAT(CHAR_LENGTH(workspace_id), ':', workspace_id)),
           DATE_FORMAT(occurred_at, '%Y-%m-%dT%H:%i:%s.%f'),
           IF(actor_type IS NULL, '-', CONCAT(CHAR_LENGTH(actor_type), ':', actor_type)),
           IF(actor_id IS NULL, '-', CONCAT(CHAR_LENGTH(actor_id), ':', actor_id)),
           IF(source IS NULL, '-', CONCAT(CHAR_LENGTH(source), ':', source)),
           IF(action IS NULL, '-', CONCAT(CHAR_LENGTH(action), ':', action)),
           IF(entity_type IS NULL, '-', CONCAT(CHAR_LENGTH(entity_type), ':', entity_type)),
           IF(entity_id IS NULL, '-', CONCAT(CHAR_LENGTH(entity_id), ':', entity_id)),
           IF(outcome IS NULL, '-', CONCAT(CHAR_LENGTH(outcome), ':', outcome)),
           IF(client_address_digest IS NULL, '-', CONCAT(CHAR_LENGTH(client_address_digest), ':', client_address_digest))), 256))
 ORDER BY chain_key, id;

ALTER TABLE audit_record
  MODIFY seq         BIGINT   NOT NULL,
  MODIFY prev_hash   CHAR(64) NOT NULL,
  MODIFY record_hash CHAR(64) NOT NULL,
  ADD UNIQUE KEY uq_audit_record_chain_seq (chain_key, seq);

-- The newest record of each chain. AuditTrail locks a chain's head row to append, so that
-- concurrent writers of one workspace take turns; the verifier checks the chain ends at its head.
CREATE TABLE audit_chain_head (
  chain_key    BIGINT      NOT NULL,
  seq          BIGINT      NOT NULL,
  record_hash  CHAR(64)    NOT NULL,
  updated_at   DATETIME(3) NOT NULL,
  PRIMARY KEY (chain_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO audit_chain_head (chain_key, seq, record_hash, updated_at)
SELECT r.chain_key, r.seq, r.record_hash, UTC_TIMESTAMP(3)
  FROM audit_record r
  JOIN (SELECT chain_key, MAX(seq) AS seq FROM audit_record GROUP BY chain_key) last
    ON last.chain_key = r.chain_key AND last.seq = r.seq;

-- The retention hook. The retention sweep (a later issue) deletes whole expired prefixes of a chain
-- with its own database account and leaves here the seq and record_hash of the last record it
-- deleted; the verifier then expects the chain to start right after it. Nothing writes this table yet.
CREATE TABLE audit_chain_checkpoint (
  chain_key    BIGINT      NOT NULL,
  seq          BIGINT      NOT NULL,
  record_hash  CHAR(64)    NOT NULL,
  created_at   DATETIME(3) NOT NULL,
  PRIMARY KEY (chain_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Audit records are never changed or deleted by the application, whatever its grants. DELETE is
-- refused for every account for now: the retention issue adds its own account and lets this
-- trigger allow DELETE for that account alone (and the checkpoint above), not for the application's.
DELIMITER //
CREATE TRIGGER audit_record_no_update BEFORE UPDATE ON audit_record FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit records are append-only: UPDATE of audit_record is refused';
END//
CREATE TRIGGER audit_record_no_delete BEFORE DELETE ON audit_record FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit records are append-only: DELETE from audit_record is refused (retention deletes through its own account)';
END//
DELIMITER ;
