-- One row per nightly trigger of a JSR-352 job. The unique key makes a trigger
-- start its job once, even when several servers fire the same schedule.
CREATE TABLE scheduled_job_run (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  job_name      VARCHAR(100) NOT NULL,
  scheduled_for DATETIME(3)  NOT NULL,
  started_at    DATETIME(3)  NOT NULL,
  execution_id  BIGINT       NULL,
  outcome       VARCHAR(20)  NOT NULL,
  detail        VARCHAR(255) NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_scheduled_job_run UNIQUE (job_name, scheduled_for)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
