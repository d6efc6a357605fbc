import { defineConfig } from 'vitest/config';

// The end-to-end tests that run on both engines: the same files, the engine chosen by
// LEDGER_TEST_ENGINE (test/helpers/run-ledger.ts). The PostgreSQL run starts its own throwaway
// cluster (test/helpers/pg-setup.ts); where PostgreSQL is not installed, set LEDGER_TEST_ENGINES=sqlite.
const BOTH_ENGINES = [
  'test/cli/expense-line.test.ts',
  'test/cli/fee-line.test.ts',
  'test/cli/import-collections.test.ts',
  'test/cli/life-of-a-compound.test.ts',
  'test/cli/period-totals.test.ts',
  'test/cli/register-over-time.test.ts',
  'test/cli/votes.test.ts',
  'test/cli/waivers-refunds-handover.test.ts',
  'test/cli/district.test.ts',
];

const engines = (process.env.LEDGER_TEST_ENGINES ?? 'sqlite,postgres').split(',');
const shared = {
  // End-to-end tests start the real binary many times; give them room on a 2-core machine.
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    projects: [
      ...(engines.includes('sqlite')
        ? [{ test: { ...shared, name: 'sqlite', include: ['test/**/*.test.ts'], exclude: ['test/cli/district.test.ts'], env: { LEDGER_TEST_ENGINE: 'sqlite' } } }]
        : []),
      ...(engines.includes('postgres')
        ? [{ test: { ...shared, name: 'postgres', include: BOTH_ENGINES, env: { LEDGER_TEST_ENGINE: 'postgres' }, globalSetup: ['test/helpers/pg-setup.ts'] } }]
        : []),
    ],
  },
});
