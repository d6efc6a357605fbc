/**
 * The parts of zod the ledger validates its input with, imported by name. zod's `z` namespace
 * object holds all of zod (JSON Schema conversion, codecs, every format ...): bundled, that was
 * 290 KB, initialised at every start (4.5 ms); imported by name, the bundle keeps what these
 * use (125 KB, 1 ms). Import `z` from here, not from 'zod'; zod's types (`ZodType`, `output`,
 * `core`) come from 'zod' with `import type`.
 */
import { array, literal, NEVER, object, string, union } from 'zod';

export const z = { array, literal, NEVER, object, string, union } as const;
