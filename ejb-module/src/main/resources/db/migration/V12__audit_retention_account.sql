-- Audit retention (issue 5): only the retention account deletes audit records, and only a whole expired
-- prefix of a chain that its checkpoint already covers, so the rest of the chain still verifies.
--
-- ${retention_user} is the retention account's user name (SchemaMigrator: signalops.db.retention-user,
-- default signalops_retention), fixed into these triggers when this migration runs. A trigger runs as its
-- definer, where CURRENT_USER() names the definer, so the account that issued the statement is read from
-- SESSION_USER(): the name the client signed in with (its host part is left out).
--
-- audit_record: UPDATE stays refused for every account (V9). DELETE is allowed to the retention account
-- alone, for records at or below the seq of the chain's checkpoint, which is never the chain's head.
DROP TRIGGER audit_record_no_delete;

DELIMITER //
CREATE TRIGGER audit_record_no_delete BEFORE DELETE ON audit_record FOR EACH ROW
BEGIN
  IF SUBSTRING_INDEX(SESSION_USER(), '@', 1) <> '${retention_user}' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit records are append-only: DELETE from audit_record is refused (retention deletes through its own account)';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_chain_checkpoint c WHERE c.chain_key = OLD.chain_key AND OLD.seq <= c.seq) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit retention deletes only records at or below the chain''s checkpoint: write the checkpoint first';
  END IF;
END//

-- audit_chain_checkpoint: written by the retention account alone, only forward, only at a record that
-- exists with that hash (so it is written before the records it covers are deleted), and below the head,
-- so a chain keeps at least its newest record. It is never deleted: without it the chain would not verify.
CREATE TRIGGER audit_chain_checkpoint_insert BEFORE INSERT ON audit_chain_checkpoint FOR EACH ROW
BEGIN
  IF SUBSTRING_INDEX(SESSION_USER(), '@', 1) <> '${retention_user}' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit chain checkpoints are written by the retention account only';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_record r WHERE r.chain_key = NEW.chain_key AND r.seq = NEW.seq AND r.record_hash = NEW.record_hash) THEN
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
  IF NOT EXISTS (SELECT 1 FROM audit_record r WHERE r.chain_key = NEW.chain_key AND r.seq = NEW.seq AND r.record_hash = NEW.record_hash) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'an audit chain checkpoint must name an existing record and its record_hash';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_chain_head h WHERE h.chain_key = NEW.chain_key AND NEW.seq < h.seq) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'an audit chain checkpoint must lie below the chain''s head';
  END IF;
END//

CREATE TRIGGER audit_chain_checkpoint_no_delete BEFORE DELETE ON audit_chain_checkpoint FOR EACH ROW
BEGIN
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit chain checkpoints are never deleted';
END//
DELIMITER ;
