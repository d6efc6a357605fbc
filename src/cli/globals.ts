/**
 * The contract's global options may stand before or after the command
 * (`ledger --by 李会计 collect ...` and `ledger collect ... --by 李会计 --json`), so they
 * are taken out of the arguments before commander sees the command line.
 */
export interface Globals {
  db: string;
  /** Which compound of a PostgreSQL database (`--compound`, `$LEDGER_COMPOUND`). */
  compound: string | undefined;
  by: string | undefined;
  lang: 'zh' | 'en';
  json: boolean;
}

/** The global options that take a value (bin/load-bundle.js, which picks a code cache by command, skips them too). */
export const GLOBALS_WITH_VALUE = ['db', 'by', 'lang', 'compound'] as const;
type GlobalWithValue = (typeof GLOBALS_WITH_VALUE)[number];
const WITH_VALUE = new RegExp(`^--(${GLOBALS_WITH_VALUE.join('|')})(?:=(.*))?$`);

export function splitGlobals(argv: readonly string[], env: NodeJS.ProcessEnv): { globals: Globals; rest: string[]; errors: string[] } {
  const rest: string[] = [];
  const errors: string[] = [];
  const given: Partial<Record<GlobalWithValue, string>> = {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--json') {
      json = true;
      continue;
    }
    const m = WITH_VALUE.exec(arg);
    if (!m) {
      rest.push(arg);
      continue;
    }
    const name = m[1] as GlobalWithValue;
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '') errors.push(`option '--${name}' needs a value`);
    else given[name] = value;
  }
  const lang = given.lang ?? (env.LEDGER_LANG || defaultLang(env));
  if (lang !== 'zh' && lang !== 'en') errors.push(`--lang must be zh or en, not '${lang}'`);
  return {
    globals: {
      db: given.db ?? env.LEDGER_DB ?? 'ledger.db',
      compound: given.compound ?? (env.LEDGER_COMPOUND || undefined),
      by: given.by ?? env.LEDGER_OPERATOR ?? undefined,
      lang: lang === 'zh' ? 'zh' : 'en',
      json,
    },
    rest,
    errors,
  };
}

/**
 * Chinese unless the environment says English: `$LC_ALL` or `$LANG` starting with `en`. A
 * Chinese Windows sets neither, and a server often says only `C` or `POSIX`; the committee
 * reads Chinese.
 */
export function defaultLang(env: NodeJS.ProcessEnv): 'zh' | 'en' {
  return [env.LC_ALL, env.LANG].some((v) => v?.toLowerCase().startsWith('en')) ? 'en' : 'zh';
}
