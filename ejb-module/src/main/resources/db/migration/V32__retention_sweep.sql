-- The retention-sweep job's bookkeeping (issue 8).
--
-- store_import.files_deleted_at: when the sweep deleted the import's files (SIGNALOPS_IMPORT_DIR/<workspace>/<import>/);
-- NULL while they are kept. The import's row goes later, with the job history, and only once its files are gone.
ALTER TABLE store_import
  ADD COLUMN files_deleted_at DATETIME(3) NULL AFTER failure,
  ADD KEY ix_store_import_finished (workspace_id, finished_at);

-- Rows a run deleted (or, in a dry run, would delete) per workspace (0: rows of no workspace) and table, written in
-- the transaction of the chunk that deleted them, so a restarted run neither loses nor repeats a count. The run's
-- report turns them into one retention.sweep audit record per workspace and deletes them in the same transaction.
CREATE TABLE retention_sweep_tally (
  job_instance_id  BIGINT       NOT NULL,
  workspace_key    BIGINT       NOT NULL,
  table_name       VARCHAR(40)  NOT NULL,
  row_count        BIGINT       NOT NULL,
  -- for audit_record only: the time of the oldest record the run keeps (the other tables' are read at the report)
  oldest_kept      DATETIME(3)  NULL,
  PRIMARY KEY (job_instance_id, workspace_key, table_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

