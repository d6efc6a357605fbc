// A throwaway PostgreSQL cluster on loopback, for the tests and the benchmark: initdb into a
// fresh temporary folder, a free port, trust authentication on 127.0.0.1 only, stopped and
// removed at the end. Run as root (as in CI containers), the server runs as the `postgres`
// user through runuser, as Debian's packages expect.
//
//   node scripts/pg-cluster.mjs            starts one, prints its URL, stops it on Ctrl-C
//   import { startCluster } from './pg-cluster.mjs'   (await c.stop() when done)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The folder of PostgreSQL's server binaries (Debian: /usr/lib/postgresql/NN/bin), or null. */
export function postgresBin() {
  if (process.env.LEDGER_PG_BIN) return process.env.LEDGER_PG_BIN;
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions.length) return path.join(root, versions[0], 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  return found ? path.dirname(found) : null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function startCluster() {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb found); install the postgresql package');
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-pg-'));
  fs.chmodSync(dir, 0o755);
  const data = path.join(dir, 'data');
  const sock = path.join(dir, 'sock');
  fs.mkdirSync(sock);
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const run = (cmd, args) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]] : [path.join(bin, cmd), args];
    execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  };
  const user = asRoot ? 'postgres' : os.userInfo().username;
  run('initdb', ['-D', data, '-A', 'trust', '-U', user, '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  const opts = `-p ${port} -k ${sock} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run('pg_ctl', ['-D', data, '-o', opts, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const base = `postgres://${user}@127.0.0.1:${port}`;
  let n = 0;
  return {
    port,
    bin,
    dir,
    url: `${base}/postgres`,
    /** A new, empty database of the cluster, by URL. */
    createDatabase(name = `t${process.pid}_${++n}`) {
      run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', user, name]);
      return `${base}/${name}`;
    },
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const c = await startCluster();
  console.log(c.createDatabase('ledger'));
  const stop = async () => {
    await c.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}
