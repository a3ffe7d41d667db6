-- An iteration's allocations, frees and bytes allocated, counted once by each worker process of a
-- benchmark that measures allocations (measure: allocations); NULL when not counted.
ALTER TABLE processes ADD COLUMN allocations REAL;
ALTER TABLE processes ADD COLUMN frees REAL;
ALTER TABLE processes ADD COLUMN allocated_bytes REAL;
