-- Run groups, as in SQLite's migration 0013.
CREATE TABLE run_groups (
  id          BIGSERIAL PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE,
  suite       TEXT    NOT NULL,
  shards      INTEGER NOT NULL CHECK (shards >= 1),
  assignment  TEXT    NOT NULL,
  created_at  TEXT    NOT NULL
);
CREATE INDEX run_groups_by_suite ON run_groups (suite, shards, id);
ALTER TABLE runs ADD COLUMN run_group TEXT REFERENCES run_groups (name);
ALTER TABLE runs ADD COLUMN shard INTEGER;
CREATE INDEX runs_by_group ON runs (run_group, shard);
