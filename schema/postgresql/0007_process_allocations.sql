-- An iteration's allocations, frees and bytes allocated per process, as in SQLite's migration 0011.
ALTER TABLE processes ADD COLUMN allocations DOUBLE PRECISION;
ALTER TABLE processes ADD COLUMN frees DOUBLE PRECISION;
ALTER TABLE processes ADD COLUMN allocated_bytes DOUBLE PRECISION;
