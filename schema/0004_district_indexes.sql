-- 0004: indexes for a district-sized ledger (tens of thousands of households, years of history).
--
-- Each is a covering index for a query that would otherwise visit one table row per entry,
-- scattered over the whole file (bills post a year's charges together, so one household's
-- ten charges sit on ten different pages). With them, these answers come from one small
-- contiguous slice of an index. A partial index (WHERE kind = 'charge') serves only queries
-- that spell the kind as a literal, not as a bound parameter, and without statistics SQLite
-- would rather take entries_kind_date; so the queries that rely on these write the kind
-- literally and name the index (INDEXED BY):
--
-- entries_charges: a household's charges by fee year (collect and import allocating a payment
--   to the oldest unpaid year), and arrears as of a day: every household's charges owed by
--   then, in household and year order, summed in SQL.
CREATE INDEX entries_charges ON entries (household, year, date, amount_fen) WHERE kind = 'charge';

-- entries_charge_years: a fee year's charges owed by a day (应收: how many households billed,
--   how much), for the disclosure's basics and the collection rate.
CREATE INDEX entries_charge_years ON entries (year, date, amount_fen) WHERE kind = 'charge';

-- entries_payments: what a household has paid, net of voids, by a day (arrears, statements,
--   allocating a payment). `kind` is a column too, so that SQLite sees the index covers
--   `kind IN (...)` (it does so by itself only for `kind = ...`).
CREATE INDEX entries_payments ON entries (household, date, kind, cash_fen) WHERE kind IN ('collection', 'void');

-- entries_cash: the fund on a day, SUM(cash_fen) of everything dated up to it (the opening
--   balance of a disclosure, the lowest balance an expense must stay within). It serves every
--   lookup by date, so it replaces entries_date.
CREATE INDEX entries_cash ON entries (date, cash_fen);
DROP INDEX entries_date;
