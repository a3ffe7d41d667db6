-- benchctl's storage. Every raw repetition is kept, tagged with the worker process that measured
-- it, so that any statistic can be recomputed later. Times are integer nanoseconds accumulated
-- over a repetition's iterations; per-iteration time is real_ns / iterations.

CREATE TABLE runs (
  id               INTEGER PRIMARY KEY,
  suite_name       TEXT    NOT NULL,
  suite_file       TEXT    NOT NULL,
  label            TEXT,
  status           TEXT    NOT NULL CHECK (status IN ('running', 'complete', 'incomplete', 'interrupted')),
  started_at       TEXT    NOT NULL,  -- ISO 8601 UTC
  finished_at      TEXT,
  config_hash      TEXT    NOT NULL,  -- SHA-256 of the resolved suite and plugin versions
  config           TEXT    NOT NULL,  -- the resolved suite, JSON
  environment      TEXT    NOT NULL,  -- host, CPU, kernel, compiler, git..., JSON
  owner_host       TEXT    NOT NULL,  -- which benchctl process writes this run, so that a run
  owner_pid        INTEGER NOT NULL,  -- whose process died can be marked incomplete
  owner_start_time INTEGER NOT NULL
);
CREATE INDEX runs_by_status ON runs (status);

CREATE TABLE run_plugins (
  run_id            INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name              TEXT    NOT NULL,
  version           TEXT    NOT NULL,
  abi               TEXT    NOT NULL,
  benchmark_version TEXT    NOT NULL,
  file              TEXT    NOT NULL,
  PRIMARY KEY (run_id, name)
) WITHOUT ROWID;

CREATE TABLE results (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name        TEXT    NOT NULL,
  plugin      TEXT,
  kind        TEXT    NOT NULL CHECK (kind IN ('benchmark', 'command', 'file_size')),
  status      TEXT    NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
  reason      TEXT,
  output_tail TEXT,
  settings    TEXT    NOT NULL,  -- processes, repetitions, times, budgets, JSON
  UNIQUE (run_id, name)
);
CREATE INDEX results_by_name ON results (name);

-- One row per worker process (or per timed command run).
CREATE TABLE processes (
  result_id      INTEGER NOT NULL REFERENCES results (id) ON DELETE CASCADE,
  process        INTEGER NOT NULL,
  peak_rss_bytes INTEGER,
  PRIMARY KEY (result_id, process)
) WITHOUT ROWID;

-- One row per repetition: the raw samples.
CREATE TABLE samples (
  result_id  INTEGER NOT NULL,
  process    INTEGER NOT NULL,
  repetition INTEGER NOT NULL,
  iterations INTEGER NOT NULL,
  real_ns    INTEGER,
  cpu_ns     INTEGER,
  PRIMARY KEY (result_id, process, repetition),
  FOREIGN KEY (result_id, process) REFERENCES processes (result_id, process) ON DELETE CASCADE
) WITHOUT ROWID;

-- Google Benchmark counters (bytes_per_second, user counters...) and command measurements.
CREATE TABLE sample_counters (
  result_id  INTEGER NOT NULL,
  process    INTEGER NOT NULL,
  repetition INTEGER NOT NULL,
  name       TEXT    NOT NULL,
  value      REAL    NOT NULL,
  PRIMARY KEY (result_id, process, repetition, name),
  FOREIGN KEY (result_id, process, repetition) REFERENCES samples (result_id, process, repetition)
    ON DELETE CASCADE
) WITHOUT ROWID;
