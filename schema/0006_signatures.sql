-- 0006: people sign.
--
-- Every write command signs the hash of the last entry it appended (its commit) with the
-- recorder's Ed25519 key, and, where a second person approves, with the approver's too: one
-- signature covers the command's entries and all history before them. The public keys are
-- journal entries (kind `key`); a signature refers to the key entry it was made with. Like the
-- journal, signatures are only ever added.
CREATE TABLE signatures (
  seq       INTEGER NOT NULL REFERENCES entries (seq),
  role      TEXT NOT NULL CHECK (role IN ('recorder', 'approver')),
  signer    TEXT NOT NULL,
  key_seq   INTEGER NOT NULL REFERENCES entries (seq),
  signature TEXT NOT NULL,
  PRIMARY KEY (seq, role, signer)
);

CREATE TRIGGER signatures_no_update BEFORE UPDATE ON signatures
  BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;
CREATE TRIGGER signatures_no_delete BEFORE DELETE ON signatures
  BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;

-- People's keys, read with the register to project who held which key when.
CREATE INDEX entries_keys ON entries (kind, seq) WHERE kind = 'key';
