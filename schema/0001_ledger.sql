-- 0001: the ledger.
--
-- Money lives in one append-only journal, `entries`, in recording order (seq). Both lines of
-- 收支两条线 are in it: fee charges, collections and other income (the collector's line) and
-- expenses (the reimburser's line), plus votes, ballots, voids and period locks. Every entry
-- carries who recorded it and when, and a hash over its own content and the previous
-- entry's hash, so that `ledger verify` can detect any edit made behind the tool's back.
-- Corrections are new entries (a void reverses its target); nothing is updated or deleted.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Who holds which role. 收支两条线: the collector and the reimburser are never one person
-- (checked by the application and by the trigger below).
CREATE TABLE roles (
  person      TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('chair', 'collector', 'reimburser', 'supervisor')),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (person, role)
);

-- The property register: one row per unit (户). Area in hundredths of a square metre.
CREATE TABLE households (
  code        TEXT PRIMARY KEY,
  owner       TEXT NOT NULL,
  area_centi  INTEGER NOT NULL CHECK (area_centi > 0),
  phone       TEXT,
  since       TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE INDEX households_owner ON households (owner);

-- The fee per household for a year; the latest row for a year wins.
CREATE TABLE fee_rates (
  id          INTEGER PRIMARY KEY,
  year        INTEGER NOT NULL,
  amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE INDEX fee_rates_year ON fee_rates (year, id);

CREATE TABLE categories (
  line        TEXT NOT NULL CHECK (line IN ('income', 'expense')),
  name        TEXT NOT NULL,
  name_en     TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (line, name)
);

INSERT INTO categories (line, name, name_en, recorded_at, recorded_by) VALUES
  ('expense', '保洁', 'cleaning', '', 'system'),
  ('expense', '门卫', 'gate', '', 'system'),
  ('expense', '绿化', 'greening', '', 'system'),
  ('expense', '维修', 'repairs', '', 'system'),
  ('expense', '公共水电', 'utilities', '', 'system'),
  ('expense', '垃圾清运', 'waste', '', 'system'),
  ('expense', '办公', 'office', '', 'system'),
  ('expense', '保险', 'insurance', '', 'system'),
  ('expense', '人员工资', 'wages', '', 'system'),
  ('expense', '其他', 'other', '', 'system'),
  ('income', '停车费', 'parking', '', 'system'),
  ('income', '广告', 'advertising', '', 'system'),
  ('income', '场地租金', 'rent', '', 'system'),
  ('income', '充电桩', 'ev-charging', '', 'system'),
  ('income', '废品', 'recycling', '', 'system'),
  ('income', '利息', 'interest', '', 'system'),
  ('income', '其他', 'other', '', 'system');

CREATE TABLE entries (
  seq         INTEGER PRIMARY KEY,          -- recording order
  kind        TEXT NOT NULL CHECK (kind IN
                ('charge', 'collection', 'income', 'expense', 'void',
                 'vote', 'ballot', 'vote_close', 'lock')),
  number      TEXT UNIQUE,                  -- R2022-0001 receipt, E2022-0001 expense, V2022-01 vote
  date        TEXT NOT NULL,                -- the day it happened (may be earlier than recording)
  household   TEXT REFERENCES households (code),
  year        INTEGER,                      -- charge: the fee year
  amount_fen  INTEGER,                      -- charge, collection, income, expense amount; vote budget
  cash_fen    INTEGER NOT NULL DEFAULT 0,   -- what it does to the fund: + in, - out, 0 none
  category    TEXT,                         -- income or expense category
  party       TEXT,                         -- payer of income, payee of an expense, owner casting a ballot
  item        TEXT,                         -- expense item, vote title
  method      TEXT,                         -- cash | wechat | alipay | bank | other
  note        TEXT,                         -- note; the reason of a void
  approved_by TEXT,                         -- expense approver (chair or supervisor)
  ref         TEXT,                         -- paper voucher or paper receipt number
  vote        TEXT,                         -- the vote an expense, ballot or close belongs to
  rule        TEXT,                         -- vote rule: general | special | simple-majority
  choice      TEXT,                         -- ballot: yes | no | abstain
  end_date    TEXT,                         -- vote: closes on; lock: through
  target_seq  INTEGER REFERENCES entries (seq),  -- void: the entry it reverses
  detail      TEXT,                         -- JSON for what has no column (a closed vote's frozen tally)
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL UNIQUE
);

CREATE INDEX entries_kind_date ON entries (kind, date);
CREATE INDEX entries_date ON entries (date);
CREATE INDEX entries_household ON entries (household, kind);
CREATE INDEX entries_vote ON entries (vote, kind) WHERE vote IS NOT NULL;
CREATE UNIQUE INDEX entries_one_charge_per_year ON entries (household, year) WHERE kind = 'charge';
CREATE UNIQUE INDEX entries_one_void_per_target ON entries (target_seq) WHERE kind = 'void';

-- How a collection (or its void, negated) paid the fee years. Hashed with its entry.
CREATE TABLE allocations (
  entry_seq  INTEGER NOT NULL REFERENCES entries (seq),
  year       INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL,
  PRIMARY KEY (entry_seq, year)
);
CREATE INDEX allocations_year ON allocations (year);

-- Records of money and of the people and households they refer to are never changed.
CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
  BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only; record a correction instead'); END;
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
  BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only; record a correction instead'); END;
CREATE TRIGGER allocations_no_update BEFORE UPDATE ON allocations
  BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only; record a correction instead'); END;
CREATE TRIGGER allocations_no_delete BEFORE DELETE ON allocations
  BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only; record a correction instead'); END;
CREATE TRIGGER households_no_update BEFORE UPDATE ON households
  BEGIN SELECT RAISE(ABORT, 'the household register is append-only'); END;
CREATE TRIGGER households_no_delete BEFORE DELETE ON households
  BEGIN SELECT RAISE(ABORT, 'the household register is append-only'); END;
CREATE TRIGGER roles_no_update BEFORE UPDATE ON roles
  BEGIN SELECT RAISE(ABORT, 'roles are append-only'); END;
CREATE TRIGGER roles_no_delete BEFORE DELETE ON roles
  BEGIN SELECT RAISE(ABORT, 'roles are append-only'); END;
CREATE TRIGGER fee_rates_no_update BEFORE UPDATE ON fee_rates
  BEGIN SELECT RAISE(ABORT, 'fee rates are append-only; set the fee again'); END;
CREATE TRIGGER fee_rates_no_delete BEFORE DELETE ON fee_rates
  BEGIN SELECT RAISE(ABORT, 'fee rates are append-only; set the fee again'); END;
CREATE TRIGGER roles_two_lines BEFORE INSERT ON roles
  WHEN (NEW.role = 'collector' AND EXISTS (SELECT 1 FROM roles WHERE person = NEW.person AND role = 'reimburser'))
    OR (NEW.role = 'reimburser' AND EXISTS (SELECT 1 FROM roles WHERE person = NEW.person AND role = 'collector'))
  BEGIN SELECT RAISE(ABORT, 'collector and reimburser must be different people'); END;
