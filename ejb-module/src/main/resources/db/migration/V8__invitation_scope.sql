-- An invitation carries the scope of the membership it gives: the inviter's own scope (a district
-- manager's invitee reaches that district only, a workspace admin's the whole workspace).
ALTER TABLE invitation
  ADD COLUMN scope_type  VARCHAR(20) NOT NULL DEFAULT 'WORKSPACE' AFTER role_id,
  ADD COLUMN district_id BIGINT      NULL AFTER scope_type,
  ADD COLUMN store_id    BIGINT      NULL AFTER district_id,
  ADD CONSTRAINT fk_invitation_district FOREIGN KEY (workspace_id, district_id) REFERENCES district (workspace_id, id),
  ADD CONSTRAINT fk_invitation_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id),
  ADD CONSTRAINT ck_invitation_scope CHECK (
    (scope_type = 'WORKSPACE' AND district_id IS NULL AND store_id IS NULL)
    OR (scope_type = 'DISTRICT' AND district_id IS NOT NULL AND store_id IS NULL)
    OR (scope_type = 'STORE' AND store_id IS NOT NULL AND district_id IS NULL));
