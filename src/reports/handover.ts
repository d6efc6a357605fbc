/** The handover sheet (交接清单) as data, read after the handover entry is appended. */
import { anchorOf } from '../domain/chain.js';
import type { IsoDate } from '../domain/dates.js';
import type { Fen } from '../domain/money.js';
import type { Role } from '../domain/roles.js';
import { journalHead } from '../db/entries-repo.js';
import type { LedgerDb } from '../db/open-database.js';
import { readSettings } from '../db/settings-repo.js';
import { statusReport } from './status.js';

/** The handover sheet (交接清单) as data; `--json` prints it, text and A4 HTML render it. */
export interface HandoverSheet {
  compound: string;
  role: Role;
  from: string;
  to: string;
  date: IsoDate;
  /** Recorded by (the chair), who also witnesses as 监交人 unless another is named on paper. */
  witness: string;
  balance_fen: Fen;
  cash_fen: Fen | null;
  /** Cash counted minus the book (negative: short). */
  difference_fen: Fen | null;
  last_receipt: string | null;
  last_voucher: string | null;
  open_votes: { id: string; title: string }[];
  arrears: { households: number; total_fen: Fen };
  head: { seq: number; code: string };
}

export async function handoverSheet(
  ledger: LedgerDb,
  now: Date,
  h: { role: Role; from: string; to: string; date: IsoDate; witness: string; balanceFen: Fen; cashFen: Fen | null },
): Promise<HandoverSheet> {
  const status = await statusReport(ledger, now);
  const head = (await journalHead(ledger))!;
  return {
    compound: (await readSettings(ledger)).name,
    role: h.role,
    from: h.from,
    to: h.to,
    date: h.date,
    witness: h.witness,
    balance_fen: h.balanceFen,
    cash_fen: h.cashFen,
    difference_fen: h.cashFen === null ? null : h.cashFen - h.balanceFen,
    last_receipt: status.last_receipt,
    last_voucher: status.last_expense,
    open_votes: status.open_votes.map((v) => ({ id: v.id, title: v.title })),
    arrears: { households: status.arrears.households, total_fen: status.arrears.total_fen },
    head: anchorOf(head),
  };
}
