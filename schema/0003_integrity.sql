-- 0003: integrity.
--
-- The categories a money record names, and the record of which schema files were applied,
-- are append-only like the rest of the ledger: `ledger verify` compares the whole schema
-- (tables, indexes, triggers) with these files, so dropping a trigger to edit a record
-- behind the tool's back is itself detected.
CREATE TRIGGER categories_no_update BEFORE UPDATE ON categories
  BEGIN SELECT RAISE(ABORT, 'categories are append-only; add a new one instead'); END;
CREATE TRIGGER categories_no_delete BEFORE DELETE ON categories
  BEGIN SELECT RAISE(ABORT, 'categories are append-only; add a new one instead'); END;
CREATE TRIGGER schema_migrations_no_update BEFORE UPDATE ON schema_migrations
  BEGIN SELECT RAISE(ABORT, 'the record of applied schema files is append-only'); END;
CREATE TRIGGER schema_migrations_no_delete BEFORE DELETE ON schema_migrations
  BEGIN SELECT RAISE(ABORT, 'the record of applied schema files is append-only'); END;
