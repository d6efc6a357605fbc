-- 0007: an entry's hash is not a UNIQUE key.
--
-- The hash chain already proves each hash: `verify` recomputes every entry's hash from its
-- content and the hash of the entry before it, so a repeated or altered hash breaks the chain
-- and is named. The UNIQUE index on `hash` only cost every append an insert at a random place
-- of a large index (a fifth of a bulk import's time), and no query looks an entry up by hash.
--
-- In SQLite the UNIQUE is part of the column, so `entries` is rebuilt as 0005 did: every
-- entry is copied unchanged (so every hash stays as it was), and the indexes and triggers are
-- created again exactly as they were.
DROP TRIGGER entries_no_update;
DROP TRIGGER entries_no_delete;

CREATE TABLE entries_rebuilt (
  seq         INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  number      TEXT UNIQUE,
  date        TEXT NOT NULL,
  household   TEXT,
  year        INTEGER,
  amount_fen  INTEGER,
  cash_fen    INTEGER NOT NULL DEFAULT 0,
  category    TEXT,
  party       TEXT,
  item        TEXT,
  method      TEXT,
  note        TEXT,
  approved_by TEXT,
  ref         TEXT,
  vote        TEXT,
  rule        TEXT,
  choice      TEXT,
  end_date    TEXT,
  target_seq  INTEGER REFERENCES entries (seq),
  detail      TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
INSERT INTO entries_rebuilt SELECT seq, kind, number, date, household, year, amount_fen, cash_fen, category, party,
  item, method, note, approved_by, ref, vote, rule, choice, end_date, target_seq, detail, recorded_at, recorded_by,
  prev_hash, hash FROM entries ORDER BY seq;
DROP TABLE entries;
ALTER TABLE entries_rebuilt RENAME TO entries;

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

CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
  BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only; record a correction instead'); END;
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
  BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only; record a correction instead'); END;
