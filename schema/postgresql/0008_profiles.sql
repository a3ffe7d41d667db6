-- A benchmark's profile, as in SQLite's migration 0012.
CREATE TABLE profiles (
  id          BIGSERIAL PRIMARY KEY,
  run_id      BIGINT REFERENCES runs (id) ON DELETE CASCADE,
  benchmark   TEXT   NOT NULL,
  tool        TEXT   NOT NULL,
  event       TEXT   NOT NULL,
  build       TEXT   NOT NULL,
  created_at  TEXT   NOT NULL,
  iterations  BIGINT NOT NULL,
  note        TEXT   NOT NULL,
  stacks      TEXT   NOT NULL
);
CREATE INDEX profiles_by_run ON profiles (run_id, benchmark);
