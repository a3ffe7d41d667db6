-- The CPUs each worker process was allowed to run on, as in SQLite's migration 0010.
ALTER TABLE processes ADD COLUMN allowed_cpus TEXT;
