import { z } from './zod.js';
import { text } from '../domain/errors.js';
import type { BallotInput } from '../app/votes.js';
import { csvSource, readRows, RowErrors, type Column, type RecordSource } from './csv.js';
import { choiceField, codeField } from './fields.js';

const COLUMNS: Column[] = [
  { key: 'code', names: ['code', '房号'], required: true },
  { key: 'choice', names: ['choice', '表决', '表决意见', '意见'], required: true },
];

export const ballotChoiceField = choiceField(text('表决意见', 'choice'), {
  yes: ['同意', '赞成', 'y'],
  no: ['反对', '不同意', 'n'],
  abstain: ['弃权', 'a'],
});

/**
 * Paper ballots as counted into a spreadsheet: `code,choice` (yes/no/abstain) or `房号,表决`
 * (同意/反对/弃权), UTF-8 with or without BOM or GBK; all rows or none.
 *
 * `owners` maps every unit code to its owner. One owner listed twice in one file (by the
 * same unit or two of their units) is refused with both lines: within one count there is no
 * "later" ballot, so which one the owner meant cannot be told. A later file replaces an
 * owner's earlier ballot as a later `vote cast` does.
 */
export function readBallotsCsv(file: string, owners: ReadonlyMap<string, string>, source: RecordSource = csvSource(file)): BallotInput[] {
  const schema = z.object({ code: codeField, choice: ballotChoiceField });
  const errors = new RowErrors();
  // At most one ballot per owner of the register is kept: memory is bounded by the ledger, not the file.
  const ballots: BallotInput[] = [];
  const seen = new Map<string, number>();
  for (const { line, value: v } of readRows(source, COLUMNS, schema, errors)) {
    const owner = owners.get(v.code);
    if (owner === undefined) {
      errors.add(line, text(`没有房号为 ${v.code} 的住户`, `no household ${v.code}`));
      continue;
    }
    const first = seen.get(owner);
    if (first !== undefined) {
      errors.add(line, text(`${v.code} 的业主 ${owner} 已在第 ${first} 行投票`, `${v.code}: its owner ${owner} already voted on line ${first}`));
      continue;
    }
    seen.set(owner, line);
    ballots.push({ code: v.code, choice: v.choice });
  }
  errors.throwIfAny(file);
  return ballots;
}
