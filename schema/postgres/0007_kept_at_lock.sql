-- What each household still owed on a closed day, year by year, and who owned it then
-- (schema/0012_kept_at_lock.sql says why): stored by `ledger lock`, checked by `verify`.
ALTER TABLE household_totals ADD COLUMN owed TEXT COLLATE "C";
ALTER TABLE household_totals ADD COLUMN owner TEXT COLLATE "C";
