/**
 * The bilingual message of a zod issue: the one a field's check put on it (src/import/fields.ts
 * `fail`, as `params.text`), or zod's own. Kept apart from the fields so that reading a message
 * needs no zod: the CLI reads them (src/cli/runtime.ts) without loading zod and building every
 * field at start-up, which `--help` and the commands that take no input never need.
 */
import type { core } from 'zod';
import { text, type Text } from '../domain/errors.js';

export function issueText(issue: core.$ZodIssue): Text {
  const t = (issue as { params?: { text?: Text } }).params?.text;
  return t ?? text(issue.message, issue.message);
}
