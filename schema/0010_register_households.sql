-- 0010: the register entries of some households, one seek per household.
--
-- A list of who owes names each owing household's owner of record on the day, folded from that
-- household's register entries (registered, transferred, corrected, ended; db/register-repo.ts
-- `loadHouseholds`). Through entries_household_money that is one seek per household and kind,
-- four per household, into an index of every charge and payment; this one holds the register
-- entries alone, a few per household, and is sought once per household. Like
-- entries_charge_years it is a partial index, which SQLite uses only when the query spells the
-- kinds as literals, so that query names it (INDEXED BY) and writes them out.
CREATE INDEX entries_register_households ON entries (household, seq)
  WHERE kind IN ('household', 'transfer', 'correction', 'household_end');
