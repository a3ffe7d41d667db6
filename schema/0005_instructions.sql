-- Instruction counts beside times: a benchmark measured under callgrind stores, per repetition,
-- the instructions its measured iterations executed (accumulated over them, like the times).
ALTER TABLE samples ADD COLUMN instructions INTEGER;
