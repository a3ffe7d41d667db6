-- benchctl: foreign keys off
-- Load tests (`load:` entries). A result may be of kind 'load': SQLite cannot change a CHECK
-- constraint in place, so `results` is rebuilt (with foreign keys off, as SQLite's documented
-- procedure asks, so that dropping the old table deletes nothing that refers to it).
CREATE TABLE results_v6 (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name        TEXT    NOT NULL,
  plugin      TEXT,
  kind        TEXT    NOT NULL CHECK (kind IN ('benchmark', 'command', 'file_size', 'load')),
  status      TEXT    NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
  reason      TEXT,
  output_tail TEXT,
  settings    TEXT    NOT NULL,  -- processes, repetitions, times, budgets, the load scenario, JSON
  UNIQUE (run_id, name)
);
INSERT INTO results_v6 (id, run_id, name, plugin, kind, status, reason, output_tail, settings)
  SELECT id, run_id, name, plugin, kind, status, reason, output_tail, settings FROM results;
DROP TABLE results;
ALTER TABLE results_v6 RENAME TO results;
CREATE INDEX results_by_name ON results (name);

-- A load process's totals and its whole run's latency histogram (JSON: {"max_ns": N,
-- "buckets": [[nanoseconds, count], ...]}, the SDK's log-linear buckets). Its seconds are its
-- samples; they outlive `maintain --retain-samples` only as the process's median.
CREATE TABLE load_processes (
  result_id      INTEGER NOT NULL,
  process        INTEGER NOT NULL,
  intended       INTEGER NOT NULL,
  sent           INTEGER NOT NULL,
  completed      INTEGER NOT NULL,
  errors         INTEGER NOT NULL,
  late           INTEGER NOT NULL,
  dropped        INTEGER NOT NULL,
  elapsed        REAL    NOT NULL,
  first_error    TEXT,
  latency        TEXT    NOT NULL,
  schedule_error TEXT    NOT NULL,
  PRIMARY KEY (result_id, process),
  FOREIGN KEY (result_id, process) REFERENCES processes (result_id, process) ON DELETE CASCADE
) WITHOUT ROWID;

-- The latency histogram of the requests completed in each second (a sample of the process).
CREATE TABLE load_seconds (
  result_id INTEGER NOT NULL,
  process   INTEGER NOT NULL,
  second    INTEGER NOT NULL,
  latency   TEXT    NOT NULL,
  PRIMARY KEY (result_id, process, second),
  FOREIGN KEY (result_id, process, second) REFERENCES samples (result_id, process, repetition)
    ON DELETE CASCADE
) WITHOUT ROWID;
