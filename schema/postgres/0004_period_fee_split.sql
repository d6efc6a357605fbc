-- The fee money of a closed half-year split by the year it pays (schema/0009_period_fee_split.sql
-- says why): written by `ledger lock`, a projection of the journal that `ledger verify` adds up
-- again; only ever added to.
CREATE TABLE period_fee_split (
  through     TEXT COLLATE "C" PRIMARY KEY REFERENCES period_totals (through),
  from_date   TEXT COLLATE "C" NOT NULL,
  fee_year    INTEGER NOT NULL,
  total_fen   BIGINT NOT NULL,
  current_fen BIGINT NOT NULL,
  arrears_fen BIGINT NOT NULL,
  refunds_fen BIGINT NOT NULL
);

CREATE TRIGGER period_fee_split_append_only BEFORE UPDATE OR DELETE ON period_fee_split FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER period_fee_split_no_truncate BEFORE TRUNCATE ON period_fee_split FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
