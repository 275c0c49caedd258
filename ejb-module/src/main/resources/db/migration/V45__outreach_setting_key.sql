-- A workspace's outreach settings get a key of their own, like retention_setting: the workspace column is the tenant
-- discriminator, which the persistence layer writes itself and cannot also map as the entity's identifier. One row per
-- workspace stays guaranteed by the unique key.
ALTER TABLE outreach_setting
  DROP PRIMARY KEY,
  ADD COLUMN id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST,
  ADD UNIQUE KEY uk_outreach_setting_workspace (workspace_id);
