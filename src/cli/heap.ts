/**
 * The heap of long streaming work (an import, an export, a verify, a copy), kept near what the
 * work holds alive rather than growing with what it has read.
 *
 * Streaming work makes short-lived objects for every row; some live long enough to be moved to
 * V8's old generation, and V8 leaves those uncollected until the old generation reaches a limit
 * set far above what such work keeps alive. A 200,000-row `import collections` ended with 42 MiB
 * of heap of which 13 MiB was alive, and one full collection in the whole run: its memory grew
 * with the file (peak RSS 144, 153 and 168 MiB for 50,000, 93,110 and 200,000 rows).
 *
 * `keepHeapBounded` is called as the work goes: by its progress (cli/progress.ts), and between
 * the pieces of a long output (cli/main.ts `drain`). At most every CHECK_EVERY_MS it looks at the
 * old generation, and runs a full collection when it has grown past HEAP_GROWTH times what was
 * alive after the last one (and past HEAP_FLOOR): the import above, holding 8 to 14 MiB,
 * collected four times, 8 to 17 ms each, and its peak RSS stayed at 147 MiB; work holding more
 * (a verify of a large register) collects as rarely as its size calls for.
 *
 * The collection is V8's own, reached as jest's leak detector reaches it: the `--expose-gc` flag
 * set for a moment to make a context that has `gc`, then set back.
 */
import type * as V8 from 'node:v8';
import type * as Vm from 'node:vm';

const CHECK_EVERY_MS = 100;
const HEAP_FLOOR = 16 * 2 ** 20;
const HEAP_GROWTH = 2;

let lastCheck = 0;
let limit = HEAP_FLOOR;
let collect: (() => void) | undefined;
let loaded: typeof V8 | undefined;
const nodeV8 = (): typeof V8 => (loaded ??= require('node:v8') as typeof V8);

/** What the old generation holds, in bytes (young objects die or move there; only it grows unchecked). */
export function oldGeneration(): number {
  let used = 0;
  for (const space of nodeV8().getHeapSpaceStatistics()) {
    if (space.space_name === 'old_space' || space.space_name === 'large_object_space') used += space.space_used_size;
  }
  return used;
}

/** The full collection of node's `--expose-gc`, made available without starting node with it. */
function fullCollection(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  const vm = require('node:vm') as typeof Vm;
  nodeV8().setFlagsFromString('--expose-gc');
  try {
    return vm.runInNewContext('gc') as () => void;
  } finally {
    nodeV8().setFlagsFromString('--no-expose-gc');
  }
}

/** Runs a full collection if the old generation has grown well past what was alive after the last one (cheap to call often). */
export function keepHeapBounded(): void {
  const now = Date.now();
  if (now - lastCheck < CHECK_EVERY_MS) return;
  lastCheck = now;
  if (oldGeneration() <= limit) return;
  collect ??= fullCollection();
  collect();
  limit = Math.max(HEAP_FLOOR, HEAP_GROWTH * oldGeneration());
}
