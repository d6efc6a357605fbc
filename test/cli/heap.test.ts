/**
 * cli/heap.ts: long streaming work has its old generation collected once it has grown past
 * twice what was alive after the last collection, and is left alone below that or between checks.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { keepHeapBounded, oldGeneration } from '../../src/cli/heap.js';

const MiB = 2 ** 20;

/**
 * Leaves `bytes` of garbage in the old generation: arrays of 512 KiB (large objects), all held
 * until the last is made, so that the collections their making sets off move them to the old
 * generation, then dropped.
 */
function garbage(bytes: number): void {
  const held = Array.from({ length: Math.ceil(bytes / (512 * 1024)) }, () => new Array<number>(128 * 1024).fill(1));
  void held;
}

// The full collection keepHeapBounded runs is node's `gc` when there is one: counted here.
v8.setFlagsFromString('--expose-gc');
const realGc = vm.runInNewContext('gc') as () => void;
v8.setFlagsFromString('--no-expose-gc');
let collections = 0;
const g = globalThis as { gc?: () => void };
g.gc = () => {
  collections += 1;
  realGc();
};
afterAll(() => {
  delete g.gc;
  vi.useRealTimers();
});

// The clock keepHeapBounded looks at (at most every 100 ms), moved by the test alone.
vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-01T00:00:00Z') });
const later = () => vi.setSystemTime(Date.now() + 150);

describe('keepHeapBounded', () => {
  it('collects once the old generation is over twice what was alive, and not between checks or below that', () => {
    // The first look, with the old generation over the 16 MiB floor: collects, and sets the limit.
    later();
    garbage(32 * MiB);
    keepHeapBounded();
    expect(collections).toBe(1);
    const alive = oldGeneration();

    // Over the limit, but within 100 ms of the last look: not looked at.
    garbage(alive + 32 * MiB);
    expect(oldGeneration()).toBeGreaterThan(2 * alive + 16 * MiB);
    keepHeapBounded();
    expect(collections).toBe(1);

    // Looked at again: collected, back to what is alive.
    later();
    keepHeapBounded();
    expect(collections).toBe(2);
    expect(oldGeneration()).toBeLessThan(alive + 16 * MiB);

    // Under the limit (twice what is alive now): left alone.
    later();
    keepHeapBounded();
    expect(collections).toBe(2);
  });
});
