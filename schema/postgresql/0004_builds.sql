-- A run keeps its build, as in SQLite's migration 0008: each plugin file a run measured, stored
-- once by its SHA-256 in the database itself, so that every runner of a fleet can measure a
-- baseline's build again. NULL sha256: a run stored before, or imported, has no build.
ALTER TABLE run_plugins ADD COLUMN sha256 TEXT;
CREATE INDEX run_plugins_by_sha256 ON run_plugins (sha256);
CREATE TABLE build_files (
  sha256    TEXT   PRIMARY KEY,
  size      BIGINT NOT NULL,
  content   BYTEA  NOT NULL,
  stored_at TEXT   NOT NULL
);
