// vitest's global setup for the PostgreSQL run of the end-to-end tests: a throwaway cluster
// on loopback for this run only (scripts/pg-cluster.mjs), stopped and removed at the end.
// Each test ledger gets a database of its own in it (run-ledger.ts testDatabase).
// @ts-expect-error: a plain ES module of the scripts folder
import { startCluster } from '../../scripts/pg-cluster.mjs';

export default async function setup(): Promise<() => Promise<void>> {
  const c = await startCluster();
  const u = new URL(c.url);
  process.env.LEDGER_TEST_PG = JSON.stringify({ base: `${u.protocol}//${u.username}@${u.host}`, bin: c.bin, user: u.username, port: c.port });
  return () => c.stop();
}
