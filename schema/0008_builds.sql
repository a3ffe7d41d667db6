-- A run keeps its build: the content of each plugin file it measured, stored once per distinct
-- file (by SHA-256), so that `compare` can settle a comparison by measuring both builds again as
-- pairs, and `ab --a RUN|BASELINE` can measure a build whose directory is long gone.
-- run_plugins.sha256 names the file a run measured: NULL for runs stored before this migration
-- and for imported runs, which have no build. `maintain --retain-builds DAYS` deletes the files
-- that no baseline and no recent run needs; a run whose file was deleted keeps its hash.
ALTER TABLE run_plugins ADD COLUMN sha256 TEXT;
CREATE INDEX run_plugins_by_sha256 ON run_plugins (sha256);
CREATE TABLE build_files (
  sha256    TEXT    PRIMARY KEY,  -- of the content, lowercase hex
  size      INTEGER NOT NULL,
  content   BLOB    NOT NULL,
  stored_at TEXT    NOT NULL      -- ISO 8601 UTC
);
