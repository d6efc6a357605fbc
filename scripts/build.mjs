#!/usr/bin/env node
// `npm run build`: the CLI as one bundle, dist/ledger.cjs (bin/ledger.js loads it).
//
// Start-up is where a command-line tool spends its time, and most of it goes to reading and
// compiling JavaScript: kysely and zod as installed are hundreds of small files; bundled into
// one file they load several times faster. To keep that file small:
//   - each command's file is loaded only when that command runs (see COMMANDS in
//     src/cli/main.ts: esbuild turns those `import()`s into lazily initialised modules);
//   - zod's ~40 translations of its own messages are left out (a third of zod's size): every
//     message the ledger shows is its own, bilingual (src/import/fields.ts);
//   - whitespace and syntax are minified, names kept; a source map sits beside the bundle
//     (LEDGER_DEBUG=1 turns it on for stack traces).
// better-sqlite3 stays external: it is a native module.
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Resolves zod's `locales/index.js` (all languages) to an empty module; English is imported apart. */
const zodWithoutLocales = {
  name: 'zod-without-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'ledger-stub' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'ledger-stub' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/ledger.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['better-sqlite3'],
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  sourcesContent: false,
  plugins: [zodWithoutLocales],
  logLevel: 'warning',
});
