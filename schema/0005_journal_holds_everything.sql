-- 0005: the journal holds everything.
--
-- The register (households, owners, areas), the people and their roles, the fee standards,
-- categories and settings become entries of the one hash-chained journal, like the money:
-- state is a projection of the journal as of a date (src/domain/projection.ts), so editing
-- any of it behind the tool's back breaks the chain, and `ledger verify` names the entry.
--
-- `entries` is rebuilt for that: the kinds are no longer listed in a CHECK (each kind has its
-- own type and converter in src/domain/entry-kinds.ts, and `verify` refuses an unknown one),
-- and `household` no longer references the old `households` table, which the journal
-- replaces. Every existing entry is copied unchanged, so every hash stays as it was. The old
-- register tables stay, read once by the upgrade that turns them into journal entries
-- (src/app/upgrade.ts), and are never read or written after that.
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
  hash        TEXT NOT NULL UNIQUE
);
INSERT INTO entries_rebuilt SELECT seq, kind, number, date, household, year, amount_fen, cash_fen, category, party,
  item, method, note, approved_by, ref, vote, rule, choice, end_date, target_seq, detail, recorded_at, recorded_by,
  prev_hash, hash FROM entries;
DROP TABLE entries;
ALTER TABLE entries_rebuilt RENAME TO entries;

CREATE INDEX entries_kind_date ON entries (kind, date);
CREATE INDEX entries_vote ON entries (vote, kind) WHERE vote IS NOT NULL;
CREATE UNIQUE INDEX entries_one_charge_per_year ON entries (household, year) WHERE kind = 'charge';
CREATE UNIQUE INDEX entries_one_void_per_target ON entries (target_seq) WHERE kind = 'void';
CREATE INDEX entries_household_money ON entries (household, kind, date, cash_fen, amount_fen, year);
CREATE INDEX entries_cash ON entries (date, cash_fen);
CREATE INDEX entries_charge_years ON entries (year, date, amount_fen) WHERE kind = 'charge';
-- The register, people and rules, read in recording order to project the state as of a day.
CREATE INDEX entries_register ON entries (kind, seq) WHERE kind IN
  ('household', 'transfer', 'correction', 'household_end', 'appointment', 'role_end', 'handover',
   'fee_standard', 'setting', 'category', 'upgrade');

CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
  BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only; record a correction instead'); END;
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
  BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only; record a correction instead'); END;
