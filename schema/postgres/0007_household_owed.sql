-- What each household still owed on a closed day, year by year (schema/0012_household_owed.sql
-- says why): stored by `ledger lock` on the rows of the households that owe, checked by `verify`.
ALTER TABLE household_totals ADD COLUMN owed TEXT COLLATE "C";
