-- Every run has a UUID assigned when it is created, so that a run copied to another database
-- (`benchctl push` to PostgreSQL) is recognised there and stored once however often it is pushed.
-- Runs stored before get a random one (version 4 format).
ALTER TABLE runs ADD COLUMN uuid TEXT;
UPDATE runs SET uuid = lower(
  hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
  substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' ||
  hex(randomblob(6)));
CREATE UNIQUE INDEX runs_by_uuid ON runs (uuid);
