-- The ledger of one compound on PostgreSQL: the same journal as SQLite's schema/ (0001-0006 as
-- they stand after 0006), in one step, inside the compound's own schema (search_path). Money
-- and sequence numbers are BIGINT; text compares byte by byte (COLLATE "C") as in SQLite, so
-- numbers, codes and dates sort the same on both engines. The old register tables of SQLite's
-- 0001 are not here: a PostgreSQL ledger was never made by a version that had them.
CREATE TABLE entries (
  seq         BIGINT PRIMARY KEY,
  kind        TEXT COLLATE "C" NOT NULL,
  number      TEXT COLLATE "C" UNIQUE,
  date        TEXT COLLATE "C" NOT NULL,
  household   TEXT COLLATE "C",
  year        INTEGER,
  amount_fen  BIGINT,
  cash_fen    BIGINT NOT NULL DEFAULT 0,
  category    TEXT COLLATE "C",
  party       TEXT COLLATE "C",
  item        TEXT COLLATE "C",
  method      TEXT COLLATE "C",
  note        TEXT COLLATE "C",
  approved_by TEXT COLLATE "C",
  ref         TEXT COLLATE "C",
  vote        TEXT COLLATE "C",
  rule        TEXT COLLATE "C",
  choice      TEXT COLLATE "C",
  end_date    TEXT COLLATE "C",
  target_seq  BIGINT REFERENCES entries (seq),
  detail      TEXT COLLATE "C",
  recorded_at TEXT COLLATE "C" NOT NULL,
  recorded_by TEXT COLLATE "C" NOT NULL,
  prev_hash   TEXT COLLATE "C" NOT NULL,
  hash        TEXT COLLATE "C" NOT NULL UNIQUE
);

CREATE INDEX entries_kind_date ON entries (kind, date);
CREATE INDEX entries_vote ON entries (vote, kind) WHERE vote IS NOT NULL;
CREATE UNIQUE INDEX entries_one_charge_per_year ON entries (household, year) WHERE kind = 'charge';
CREATE UNIQUE INDEX entries_one_void_per_target ON entries (target_seq) WHERE kind = 'void';
CREATE INDEX entries_household_money ON entries (household, kind, date, cash_fen, amount_fen, year);
CREATE INDEX entries_cash ON entries (date, cash_fen);
CREATE INDEX entries_charge_years ON entries (year, date, amount_fen) WHERE kind = 'charge';
CREATE INDEX entries_register ON entries (kind, seq) WHERE kind IN
  ('household', 'transfer', 'correction', 'household_end', 'appointment', 'role_end', 'handover',
   'fee_standard', 'setting', 'category', 'upgrade');
CREATE INDEX entries_keys ON entries (kind, seq) WHERE kind = 'key';

CREATE TABLE allocations (
  entry_seq  BIGINT NOT NULL REFERENCES entries (seq),
  year       INTEGER NOT NULL,
  amount_fen BIGINT NOT NULL,
  PRIMARY KEY (entry_seq, year)
);
CREATE INDEX allocations_year ON allocations (year);

CREATE TABLE signatures (
  seq       BIGINT NOT NULL REFERENCES entries (seq),
  role      TEXT COLLATE "C" NOT NULL CHECK (role IN ('recorder', 'approver')),
  signer    TEXT COLLATE "C" NOT NULL,
  key_seq   BIGINT NOT NULL REFERENCES entries (seq),
  signature TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (seq, role, signer)
);

-- Only ever added to: an UPDATE, DELETE or TRUNCATE of the journal is refused by the server.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger entries are append-only; record a correction instead (%)', TG_TABLE_NAME;
END $$;
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER allocations_append_only BEFORE UPDATE OR DELETE ON allocations FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER allocations_no_truncate BEFORE TRUNCATE ON allocations FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER signatures_append_only BEFORE UPDATE OR DELETE ON signatures FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER signatures_no_truncate BEFORE TRUNCATE ON signatures FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
