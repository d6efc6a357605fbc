-- 0004: indexes for a district-sized ledger (tens of thousands of households, years of history).
--
-- Each serves a query that would otherwise visit one table row per entry, scattered over the
-- whole file (bills post a year's charges together, so one household's ten charges sit on ten
-- different pages): with these, the answer comes from a contiguous slice of one index that
-- holds every column the query reads (a covering index). Two of them replace an index of
-- 0001 that is a prefix of theirs, so a collection still updates as many indexes as before:
-- bulk imports write a hundred thousand entries at once.
--
-- entries_household_money replaces entries_household (household, kind): a household's
--   charges and payments with their dates and amounts. Allocating a payment (collect, import)
--   reads a household's charges and what it has paid; arrears as of a day sum both for every
--   household in one pass of this index, in household order (db/arrears-repo.ts).
CREATE INDEX entries_household_money ON entries (household, kind, date, cash_fen, amount_fen, year);
DROP INDEX entries_household;

-- entries_cash replaces entries_date (date): the fund on a day, SUM(cash_fen) of everything
--   dated up to it (a disclosure's opening balance, the lowest balance an expense must stay
--   within), and every other lookup by date.
CREATE INDEX entries_cash ON entries (date, cash_fen);
DROP INDEX entries_date;

-- entries_charge_years: a fee year's charges owed by a day (应收: households billed and how
--   much), for a disclosure's basics and collection rate. Only `bill` writes charges. It is a
--   partial index, which SQLite uses only when the query spells the kind as a literal, so
--   that query names it (INDEXED BY) and writes kind = 'charge'.
CREATE INDEX entries_charge_years ON entries (year, date, amount_fen) WHERE kind = 'charge';
