-- A benchmark's profile (benchctl profile): its stacks in the folded format ("f;g;h 1234\n", each
-- line a path from the benchmark's function down and its cost over the profiled iterations),
-- stored with the run whose build was profiled, or with no run when the plugins were profiled as
-- they were built at the time (run_id NULL).
CREATE TABLE profiles (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER REFERENCES runs (id) ON DELETE CASCADE,
  benchmark   TEXT    NOT NULL,
  tool        TEXT    NOT NULL,  -- callgrind or perf
  event       TEXT    NOT NULL,  -- Ir or ns
  build       TEXT    NOT NULL,  -- what was profiled, as the user named it
  created_at  TEXT    NOT NULL,  -- ISO 8601 UTC
  iterations  INTEGER NOT NULL,
  note        TEXT    NOT NULL,
  stacks      TEXT    NOT NULL
);
CREATE INDEX profiles_by_run ON profiles (run_id, benchmark);
