-- 0012: what each household still owed on a closed day, year by year, and who owned it then.
--
-- `ledger lock` keeps each household's charges by fee year and what it had paid (0008); the
-- reports then split every owing household's payments over its charges again (oldest year
-- first, domain/allocation.ts `outstanding`) to say which years it still owes, and `arrears`
-- folds every owing unit's register entries to name its owner: ten fee years and a register
-- history for thousands of households in a district, most of those commands' own work. The lock
-- now keeps both answers beside the totals:
--   - owed: `year:amount` for each fee year not fully paid, oldest first (`2023:20000,2024:60000`),
--     on the rows of the households that owe (NULL on the others);
--   - owner: the owner of record on that day as the register stood when the lock was recorded.
-- A household that has not moved since the closed day owes the same years on any later day, and
-- one whose register has no entry recorded after the lock nor dated after the day has the same
-- owner; any other is worked out as before, as is every row stored before this (both NULL).
-- Like the totals, a projection of the journal that `ledger verify` works out again and compares.
ALTER TABLE household_totals ADD COLUMN owed TEXT;
ALTER TABLE household_totals ADD COLUMN owner TEXT;
