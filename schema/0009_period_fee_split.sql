-- 0009: the fee money of a closed half-year, split by the year it pays.
--
-- A disclosure splits the half-year's fee money into the fee year's own fees, arrears of
-- earlier years and prepayments (domain/allocation.ts `splitFeeMoney`), household by household.
-- For each closed day D whose totals `lock` keeps (schema/0008), it keeps that split too, of D's
-- half-year from its first day up to D: a locked half-year's disclosure reads one row instead
-- of going through every household twice. A ledger locked before this gets the rows of its
-- closed days at its next `lock`.
--
-- A projection of the journal like the totals: `ledger verify` splits the money again from the
-- entries and names any row that differs. Only ever added.
CREATE TABLE period_fee_split (
  through     TEXT PRIMARY KEY REFERENCES period_totals (through),
  from_date   TEXT NOT NULL,
  fee_year    INTEGER NOT NULL,
  total_fen   INTEGER NOT NULL,
  current_fen INTEGER NOT NULL,
  arrears_fen INTEGER NOT NULL,
  refunds_fen INTEGER NOT NULL
);

CREATE TRIGGER period_fee_split_no_update BEFORE UPDATE ON period_fee_split
  BEGIN SELECT RAISE(ABORT, 'period totals are append-only'); END;
CREATE TRIGGER period_fee_split_no_delete BEFORE DELETE ON period_fee_split
  BEGIN SELECT RAISE(ABORT, 'period totals are append-only'); END;
