-- Totals of a closed period (schema/0008_period_totals.sql says why): written by `ledger lock`,
-- a projection of the journal that `ledger verify` adds up again; only ever added to.
CREATE TABLE period_totals (
  through    TEXT COLLATE "C" PRIMARY KEY,
  lock_seq   BIGINT NOT NULL REFERENCES entries (seq),
  fund_fen   BIGINT NOT NULL,
  households INTEGER NOT NULL
);

CREATE TABLE household_totals (
  through     TEXT COLLATE "C" NOT NULL REFERENCES period_totals (through),
  household   TEXT COLLATE "C" NOT NULL,
  charged_fen BIGINT NOT NULL,
  paid_fen    BIGINT NOT NULL,
  years       TEXT COLLATE "C",
  PRIMARY KEY (through, household)
);

CREATE TRIGGER period_totals_append_only BEFORE UPDATE OR DELETE ON period_totals FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER period_totals_no_truncate BEFORE TRUNCATE ON period_totals FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER household_totals_append_only BEFORE UPDATE OR DELETE ON household_totals FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER household_totals_no_truncate BEFORE TRUNCATE ON household_totals FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

-- As on SQLite (schema/0008): the register is read through entries_kind_date; this one was unused.
DROP INDEX entries_register;
