-- One round trip per audit record (issue 5's write-overhead target): the application appends a
-- record with CALL audit_append(...), which takes its chain's head row (creating it for a new
-- chain), links the record to the head and moves the head, all in the caller's transaction.
--
-- Records appended this way are of canonical form version 3: the application computes
-- content_digest, the SHA-256 of the record's content in canonical form (AuditRecordCanonicalForm
-- .contentOfVersion3), and the procedure, which alone knows the position and the predecessor, sets
--   record_hash = SHA-256("<chain_key>|<seq>|<prev_hash>|<content_digest>")
-- so each record's hash still covers its content, its position and its predecessor's hash.
-- SQL SECURITY INVOKER: it runs with the caller's rights, so it can do nothing the caller could not.
DELIMITER //
CREATE PROCEDURE audit_append(
  IN p_chain_key             BIGINT,
  IN p_workspace_id          BIGINT,
  IN p_occurred_at           DATETIME(3),
  IN p_actor_type            VARCHAR(20),
  IN p_actor_id              VARCHAR(64),
  IN p_actor_name            VARCHAR(120),
  IN p_source                VARCHAR(20),
  IN p_action                VARCHAR(80),
  IN p_entity_type           VARCHAR(60),
  IN p_entity_id             VARCHAR(64),
  IN p_outcome               VARCHAR(20),
  IN p_client_address_digest CHAR(64),
  IN p_request_id            VARCHAR(64),
  IN p_before_json           TEXT,
  IN p_after_json            TEXT,
  IN p_content_digest        CHAR(64))
  SQL SECURITY INVOKER
  MODIFIES SQL DATA
BEGIN
  DECLARE v_seq BIGINT;
  DECLARE v_prev CHAR(64);
  DECLARE v_hash CHAR(64);
  -- creates the head of a new chain or locks the existing one; writers of one chain take turns here
  INSERT INTO audit_chain_head (chain_key, seq, record_hash, updated_at)
       VALUES (p_chain_key, 0, REPEAT('0', 64), p_occurred_at)
  ON DUPLICATE KEY UPDATE chain_key = chain_key;
  SELECT seq, record_hash INTO v_seq, v_prev FROM audit_chain_head WHERE chain_key = p_chain_key FOR UPDATE;
  SET v_seq = v_seq + 1;
  SET v_hash = SHA2(CONCAT(p_chain_key, '|', v_seq, '|', v_prev, '|', p_content_digest), 256);
  INSERT INTO audit_record (workspace_id, seq, prev_hash, record_hash, occurred_at, actor_type, actor_id, actor_name, source,
                            action, entity_type, entity_id, outcome, client_address_digest, request_id, before_json,
                            after_json, form_version)
       VALUES (p_workspace_id, v_seq, v_prev, v_hash, p_occurred_at, p_actor_type, p_actor_id, p_actor_name, p_source,
               p_action, p_entity_type, p_entity_id, p_outcome, p_client_address_digest, p_request_id, p_before_json,
               p_after_json, 3);
  UPDATE audit_chain_head SET seq = v_seq, record_hash = v_hash, updated_at = p_occurred_at WHERE chain_key = p_chain_key;
END//
DELIMITER ;
