-- Alerts: the change points of one series (a suite's runs on one machine) grouped per commit
-- range, with the state a team gives them (store/alerts.h). `changes` (each benchmark's change)
-- and `events` (each state it went through, with its note) are JSON arrays that one converter
-- writes and reads (store/alerts.cpp). `reported_state` is the state the last digest showed:
-- NULL until a digest shows the alert.
CREATE TABLE alerts (
  id             INTEGER PRIMARY KEY,
  suite          TEXT    NOT NULL,
  host           TEXT    NOT NULL,
  cpu_model      TEXT    NOT NULL,
  first_run      INTEGER NOT NULL,  -- the first run of the new level
  commit_before  TEXT    NOT NULL,
  commit_after   TEXT    NOT NULL,
  state          TEXT    NOT NULL CHECK (state IN ('new', 'acknowledged', 'investigating', 'fixed',
                                                   'accepted', 'invalid')),
  reported_state TEXT,
  fixed_at_run   INTEGER,           -- where the level came back by itself
  created_at     TEXT    NOT NULL,
  updated_at     TEXT    NOT NULL,
  changes        TEXT    NOT NULL,
  events         TEXT    NOT NULL
);
CREATE INDEX alerts_by_series ON alerts (suite, host, cpu_model);
