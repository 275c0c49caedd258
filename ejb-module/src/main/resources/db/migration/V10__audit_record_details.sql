-- The audit record in full: who by name (kept outside the hashed form, so that a display name can be
-- corrected or erased without breaking the chain), the request that caused it, and the entity before
-- and after the change as redacted JSON. form_version says which canonical form a record's hash uses:
-- 1 for records written before these columns existed, 2 for records that hash them too.
ALTER TABLE audit_record
  ADD COLUMN actor_name   VARCHAR(120) NULL AFTER actor_id,
  ADD COLUMN request_id   VARCHAR(64)  NULL AFTER client_address_digest,
  ADD COLUMN before_json  TEXT         NULL AFTER request_id,
  ADD COLUMN after_json   TEXT         NULL AFTER before_json,
  ADD COLUMN form_version TINYINT      NOT NULL DEFAULT 1 AFTER after_json;
