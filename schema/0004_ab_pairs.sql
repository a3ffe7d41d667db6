-- An A/B measurement: two runs of one suite, one per build, whose worker processes alternated
-- pair by pair; process k of one run and process k of the other form pair k. Stopping early when
-- a benchmark was decided spends the error rate over `looks` planned looks (Bonferroni), which
-- the analysis applies again when it reads the pair.
CREATE TABLE ab_pairs (
  id         INTEGER PRIMARY KEY,
  run_a      INTEGER NOT NULL UNIQUE REFERENCES runs (id) ON DELETE CASCADE,
  run_b      INTEGER NOT NULL UNIQUE REFERENCES runs (id) ON DELETE CASCADE,
  label_a    TEXT    NOT NULL,
  label_b    TEXT    NOT NULL,
  looks      INTEGER NOT NULL CHECK (looks >= 1),
  created_at TEXT    NOT NULL
);
