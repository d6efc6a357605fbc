/**
 * The bilingual message of a zod issue: the one a field's check put on it (src/import/fields.ts
 * `fail`, as `params.text`), or zod's own. Kept apart from the fields so that reading a message
 * needs no zod at run time: the CLI's start-up (src/cli/runtime.ts) then loads neither zod nor
 * the fields, which `ledger --help` never needs and every command loads with its own file.
 */
import type { core } from 'zod';
import { text, type Text } from '../domain/errors.js';

export function issueText(issue: core.$ZodIssue): Text {
  const t = (issue as { params?: { text?: Text } }).params?.text;
  return t ?? text(issue.message, issue.message);
}
