-- 0008: totals of a closed period.
--
-- `ledger lock --through D` closes every day up to D: nothing dated on or before it can be
-- recorded again. What the journal says about those days is then fixed, and the lock keeps it
-- beside the journal so that a report need not add up the whole history again: the fund, and
-- each household's charges (net of waivers and voided waivers) by fee year and what it has paid,
-- as of D and as of the half-year end before D (a disclosure's opening day). A report reads the
-- totals of the last such day before the one it needs and adds the entries after it.
--
-- These are a projection of the journal, never a record of their own: `ledger verify` adds
-- them up again from the entries and names any that differ. Like the journal, only ever added.
CREATE TABLE period_totals (
  through    TEXT PRIMARY KEY,
  lock_seq   INTEGER NOT NULL REFERENCES entries (seq),
  fund_fen   INTEGER NOT NULL,
  households INTEGER NOT NULL
);

CREATE TABLE household_totals (
  through     TEXT NOT NULL REFERENCES period_totals (through),
  household   TEXT NOT NULL,
  charged_fen INTEGER NOT NULL,
  paid_fen    INTEGER NOT NULL,
  -- `year:amount` for each fee year charged (`2023:50000,2024:50000`), as the arrears query lists them; NULL if none.
  years       TEXT,
  PRIMARY KEY (through, household)
) WITHOUT ROWID;

CREATE TRIGGER period_totals_no_update BEFORE UPDATE ON period_totals
  BEGIN SELECT RAISE(ABORT, 'period totals are append-only'); END;
CREATE TRIGGER period_totals_no_delete BEFORE DELETE ON period_totals
  BEGIN SELECT RAISE(ABORT, 'period totals are append-only'); END;
CREATE TRIGGER household_totals_no_update BEFORE UPDATE ON household_totals
  BEGIN SELECT RAISE(ABORT, 'period totals are append-only'); END;
CREATE TRIGGER household_totals_no_delete BEFORE DELETE ON household_totals
  BEGIN SELECT RAISE(ABORT, 'period totals are append-only'); END;

-- The register is read by kind through entries_kind_date (its kinds with the keys, which this
-- partial index leaves out, so no query ever took it); every append paid for its filter.
DROP INDEX entries_register;
