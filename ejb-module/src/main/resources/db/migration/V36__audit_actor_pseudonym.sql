-- A SignalOps user's erasure of their own account (issue 8): their audit records stay, under a pseudonym. actor_name
-- is the one column no record's content digest covers (AuditRecordCanonicalForm), so replacing it keeps every chain
-- verifying. UPDATE of audit_record stays refused (V9) except for exactly that: a USER actor's name set to
-- 'erased user <actor_id>', every other column unchanged. Nothing else about a record can be changed, by any account.
DROP TRIGGER audit_record_no_update;

DELIMITER //
CREATE TRIGGER audit_record_no_update BEFORE UPDATE ON audit_record FOR EACH ROW
BEGIN
  IF NOT (OLD.actor_type = 'USER' AND NEW.actor_name <=> CONCAT('erased user ', OLD.actor_id)
      AND NEW.id <=> OLD.id AND NEW.workspace_id <=> OLD.workspace_id AND NEW.occurred_at <=> OLD.occurred_at
      AND NEW.actor_type <=> OLD.actor_type AND NEW.actor_id <=> OLD.actor_id AND NEW.source <=> OLD.source
      AND NEW.action <=> OLD.action AND NEW.entity_type <=> OLD.entity_type AND NEW.entity_id <=> OLD.entity_id
      AND NEW.outcome <=> OLD.outcome AND NEW.client_address_digest <=> OLD.client_address_digest
      AND NEW.request_id <=> OLD.request_id AND NEW.before_json <=> OLD.before_json AND NEW.after_json <=> OLD.after_json
      AND NEW.form_version <=> OLD.form_version AND NEW.content_digest <=> OLD.content_digest) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit records are append-only: UPDATE of audit_record is refused (an erased user''s actor_name may only become its pseudonym)';
  END IF;
END//
DELIMITER ;
