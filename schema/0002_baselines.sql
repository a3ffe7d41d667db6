-- A baseline is a name bound to a run. Deleting a run that a baseline names is refused.
CREATE TABLE baselines (
  name       TEXT    PRIMARY KEY,
  run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE RESTRICT,
  note       TEXT,
  created_at TEXT    NOT NULL
);
