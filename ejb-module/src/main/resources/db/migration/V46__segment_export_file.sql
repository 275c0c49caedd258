-- An approved segment export is produced through the data-export pipeline (issue 9): a data_export row of kind SEGMENT
-- (its store set, no privacy request) made when the approval is carried out, then the segment-export job writes the
-- CSV sealed by the vault, downloadable once through a link that expires 7 days after it was ready.
ALTER TABLE data_export DROP CONSTRAINT ck_data_export_kind;
ALTER TABLE data_export ADD CONSTRAINT ck_data_export_kind CHECK (kind IN ('CUSTOMER_DATA', 'WORKSPACE', 'SEGMENT'));
ALTER TABLE segment_export ADD COLUMN data_export_id BIGINT NULL AFTER failure,
  ADD COLUMN personal_data BOOLEAN NOT NULL DEFAULT FALSE AFTER fields,
  ADD UNIQUE KEY uk_segment_export_data_export (workspace_id, data_export_id);
