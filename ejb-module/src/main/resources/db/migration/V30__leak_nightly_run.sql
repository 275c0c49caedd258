-- The nightly revenue-leak analysis runs each store once per local night (issue 7): the hourly trigger analyses the
-- stores whose 03:30 in their own time zone has come and whose night is not yet claimed. One row per store and local
-- date, claimed by the job instance that analyses it (a restart of that instance finds its own claims again); the
-- primary key lets one claim win when several servers or triggers race.
CREATE TABLE leak_nightly_run (
  workspace_id     BIGINT       NOT NULL,
  store_id         BIGINT       NOT NULL,
  local_date       DATE         NOT NULL,
  job_instance_id  BIGINT       NOT NULL,
  claimed_at       DATETIME(3)  NOT NULL,
  PRIMARY KEY (workspace_id, store_id, local_date),
  CONSTRAINT fk_leak_nightly_run_store FOREIGN KEY (workspace_id, store_id) REFERENCES store (workspace_id, id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
