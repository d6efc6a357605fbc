-- 0002: an entry's hash is not a UNIQUE key (SQLite's schema/0007).
--
-- The hash chain already proves each hash: `verify` recomputes every entry's hash from its
-- content and the hash of the entry before it. The UNIQUE constraint only cost every append an
-- insert into a large index at a random place, and no query looks an entry up by hash.
-- (`hash ... UNIQUE` in 0001 made the constraint entries_hash_key, PostgreSQL's name for it.)
ALTER TABLE entries DROP CONSTRAINT entries_hash_key;
