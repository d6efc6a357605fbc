/**
 * The few SQL constructs that differ between the engines, each written once per engine
 * (db/sqlite/dialect.ts, db/postgres/dialect.ts). Everything else is kysely or plain SQL that
 * both engines read the same way.
 */
import type { RawBuilder } from 'kysely';

export interface SqlDialect {
  /** A hint naming the index a query should use (SQLite's `INDEXED BY`); nothing where the planner needs none. */
  indexedBy(index: string): RawBuilder<unknown>;
  /** The values of `expr` in a group joined by commas (text), or null for none. */
  commaList(expr: RawBuilder<unknown>): RawBuilder<string | null>;
  /** `[[year, amount_fen], ...]` of an entry's allocations as JSON text (`e` is the entry's alias). */
  allocationsJson(entryAlias: string): RawBuilder<string>;
  /**
   * The text value of `key` in the JSON object of the text column `column` (null when absent or
   * null); `key` is written into the SQL as a literal (a name from the code, never input), so that
   * a partial index on the same expression matches it (schema/0011).
   */
  jsonText(column: string, key: string): RawBuilder<string | null>;
  /**
   * `column` is one of `values` (text), given as one parameter however many there are: a list of
   * thousands of households is neither thousands of parameters nor several queries.
   */
  isOneOf(column: string, values: readonly string[]): RawBuilder<boolean>;
  /** A LIMIT that, given 0, means no limit. */
  limit(n: number): RawBuilder<unknown>;
}
