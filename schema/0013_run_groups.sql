-- Run groups: a suite measured in shards (benchctl run --shard K/N --group NAME), one run per
-- shard. The first shard to start stores which shard measures which benchmark; the others read it,
-- so that shards starting at different times agree.
CREATE TABLE run_groups (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE,
  suite       TEXT    NOT NULL,
  shards      INTEGER NOT NULL CHECK (shards >= 1),
  assignment  TEXT    NOT NULL,  -- {"benchmark": shard from 1, ...}, JSON
  created_at  TEXT    NOT NULL   -- ISO 8601 UTC
);
CREATE INDEX run_groups_by_suite ON run_groups (suite, shards, id);
ALTER TABLE runs ADD COLUMN run_group TEXT REFERENCES run_groups (name);
ALTER TABLE runs ADD COLUMN shard INTEGER;
CREATE INDEX runs_by_group ON runs (run_group, shard);
