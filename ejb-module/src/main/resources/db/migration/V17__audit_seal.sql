-- The audit chain is linked outside the writers' transactions (issue 5's write-overhead target).
--
-- A writer now only INSERTs its record, in the transaction of the change it describes, with
-- content_digest: the SHA-256 of the record's content in canonical form version 3
-- (AuditRecordCanonicalForm.contentOfVersion3; the display name stays outside it). No chain head is
-- locked, read or moved in that transaction. The sealer (AuditSealer, on a timer) links committed
-- records into their chain afterwards, in id order, and writes each link once into audit_seal:
--   record_hash = SHA-256("<chain_key>|<seq>|<prev_hash>|<content_digest>")
-- exactly the link of version 3 that audit_append (V14) computed in the writer's transaction before.
-- audit_record rows stay strictly immutable; the links live in a table of their own that is
-- insert-only as well. The chain head (audit_chain_head) is the sealer's: it moves with each seal.
CREATE TABLE audit_seal (
  record_id    BIGINT      NOT NULL,
  chain_key    BIGINT      NOT NULL,
  seq          BIGINT      NOT NULL,
  prev_hash    CHAR(64)    NOT NULL,
  record_hash  CHAR(64)    NOT NULL,
  sealed_at    DATETIME(3) NOT NULL,
  PRIMARY KEY (record_id),
  UNIQUE KEY uq_audit_seal_chain_seq (chain_key, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Every record written so far is chained already (V9's backfill, the application, audit_append):
-- its link moves here unchanged, so every chain verifies as before. They were sealed when written.
INSERT INTO audit_seal (record_id, chain_key, seq, prev_hash, record_hash, sealed_at)
SELECT id, chain_key, seq, prev_hash, record_hash, occurred_at FROM audit_record;

-- Everything that reads the link from audit_record goes, and comes back below reading audit_seal.
DROP PROCEDURE audit_append;
DROP TRIGGER audit_record_no_delete;
DROP TRIGGER audit_chain_checkpoint_insert;
DROP TRIGGER audit_chain_checkpoint_update;

-- The viewers page by id within a chain (an unsealed record has no seq yet, and must be visible):
-- (chain_key) is (chain_key, id) in InnoDB, as each filter index ends in id. Kept are the indexes a
-- selective filter needs to stay under 300 ms at 1,000,000 rows (action, actor, entity, time range);
-- gone are V3's (workspace_id, occurred_at), which duplicated the time index, and (chain_key, seq).
-- A filter on outcome or source alone matches a large share of the records and walks (chain_key).
ALTER TABLE audit_record
  DROP INDEX uq_audit_record_chain_seq,
  DROP INDEX ix_audit_record_workspace,
  DROP INDEX ix_audit_record_action,
  DROP INDEX ix_audit_record_actor,
  DROP INDEX ix_audit_record_entity,
  DROP INDEX ix_audit_record_time,
  DROP COLUMN seq,
  DROP COLUMN prev_hash,
  DROP COLUMN record_hash,
  ADD COLUMN content_digest CHAR(64) NULL AFTER form_version,
  ADD KEY ix_audit_record_chain (chain_key),
  ADD KEY ix_audit_record_action (chain_key, action),
  ADD KEY ix_audit_record_actor (chain_key, actor_id),
  ADD KEY ix_audit_record_entity (chain_key, entity_id),
  ADD KEY ix_audit_record_time (chain_key, occurred_at);

DELIMITER //
-- audit_record: UPDATE stays refused for every account (V9). DELETE is allowed to the retention account
-- alone, for sealed records at or below the seq of the chain's checkpoint (an unsealed record never).
CREATE TRIGGER audit_record_no_delete BEFORE DELETE ON audit_record FOR EACH ROW
BEGIN
  IF SUBSTRING_INDEX(SESSION_USER(), '@', 1) <> '${retention_user}' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit records are append-only: DELETE from audit_record is refused (retention deletes through its own account)';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_seal s JOIN audit_chain_checkpoint c ON c.chain_key = s.chain_key
                  WHERE s.record_id = OLD.id AND s.seq <= c.seq) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit retention deletes only records at or below the chain''s checkpoint: write the checkpoint first';
  END IF;
END//

-- audit_seal: written once by the sealer, never changed; deleted by the retention account alone, at or
-- below the checkpoint and after its record (a seal without its record would leave the record unsealed).
CREATE TRIGGER audit_seal_no_update BEFORE UPDATE ON audit_seal FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit seals are write-once: UPDATE of audit_seal is refused';
END//

CREATE TRIGGER audit_seal_no_delete BEFORE DELETE ON audit_seal FOR EACH ROW
BEGIN
  IF SUBSTRING_INDEX(SESSION_USER(), '@', 1) <> '${retention_user}' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit seals are write-once: DELETE from audit_seal is refused (retention deletes through its own account)';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_chain_checkpoint c WHERE c.chain_key = OLD.chain_key AND OLD.seq <= c.seq) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit retention deletes only seals at or below the chain''s checkpoint: write the checkpoint first';
  END IF;
  IF EXISTS (SELECT 1 FROM audit_record r WHERE r.id = OLD.record_id) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit retention deletes a seal only after its record';
  END IF;
END//

-- audit_chain_checkpoint: as V12, with the record's position and hash read from its seal.
CREATE TRIGGER audit_chain_checkpoint_insert BEFORE INSERT ON audit_chain_checkpoint FOR EACH ROW
BEGIN
  IF SUBSTRING_INDEX(SESSION_USER(), '@', 1) <> '${retention_user}' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit chain checkpoints are written by the retention account only';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.chain_key = NEW.chain_key AND s.seq = NEW.seq AND s.record_hash = NEW.record_hash) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'an audit chain checkpoint must name an existing record and its record_hash';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_chain_head h WHERE h.chain_key = NEW.chain_key AND NEW.seq < h.seq) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'an audit chain checkpoint must lie below the chain''s head';
  END IF;
END//

CREATE TRIGGER audit_chain_checkpoint_update BEFORE UPDATE ON audit_chain_checkpoint FOR EACH ROW
BEGIN
  IF SUBSTRING_INDEX(SESSION_USER(), '@', 1) <> '${retention_user}' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit chain checkpoints are written by the retention account only';
  END IF;
  IF NEW.chain_key <> OLD.chain_key OR NEW.seq <= OLD.seq THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'an audit chain checkpoint only moves forward in its own chain';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.chain_key = NEW.chain_key AND s.seq = NEW.seq AND s.record_hash = NEW.record_hash) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'an audit chain checkpoint must name an existing record and its record_hash';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_chain_head h WHERE h.chain_key = NEW.chain_key AND NEW.seq < h.seq) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'an audit chain checkpoint must lie below the chain''s head';
  END IF;
END//
DELIMITER ;
