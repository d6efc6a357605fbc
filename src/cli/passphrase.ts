/**
 * Where passphrases come from: asked on the terminal without echo (`李秀英 的密码：`), else the
 * environment (`$LEDGER_PASSPHRASE` for the `--by` person, `$LEDGER_APPROVER_PASSPHRASE` for
 * the approver, `$LEDGER_NEW_PASSPHRASE` for a key being given), as scripts and tests use.
 * None available is bad input (exit 2); a passphrase chosen for a new key has at least 8
 * characters and is asked twice on a terminal. Each is asked once per command.
 */
import type * as Readline from 'node:readline';
import { InputError, text, type Text } from '../domain/errors.js';
import type { Passphrases } from '../app/context.js';
import { PASSPHRASE_MIN } from '../app/keys.js';

type Lang = 'zh' | 'en';

/** Reads a line from the terminal without echoing it (node:readline loaded then: most commands never ask). */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = (require('node:readline') as typeof Readline).createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
    let muted = false;
    out._writeToOutput = (s: string) => {
      if (!muted || s.includes('\n')) process.stderr.write(muted ? '\n' : s);
    };
    rl.question(prompt, (answer) => {
      rl.close();
      resolve(answer);
    });
    muted = true;
    rl.on('SIGINT', () => {
      rl.close();
      reject(new InputError(text('已取消，未作任何记录', 'cancelled; nothing was recorded')));
    });
  });
}

export function passphraseSource(env: NodeJS.ProcessEnv, lang: Lang, terminal?: boolean): Passphrases {
  // Asked only when a passphrase is needed: looking at stdin opens it (2 ms a start).
  const interactive = () => terminal ?? Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const known = new Map<string, string>();
  const t = (m: Text) => m[lang];
  const missing = (person: string, variable: string) =>
    new InputError(
      text(`需要 ${person} 的密码：请在终端中输入，或设置环境变量 ${variable}`, `${person}'s passphrase is needed: type it on a terminal, or set ${variable}`),
    );
  const ask = async (person: string, variable: string): Promise<string> => {
    const had = known.get(person);
    if (had !== undefined) return had;
    const fromEnv = env[variable];
    let got: string;
    if (fromEnv !== undefined && fromEnv !== '') got = fromEnv;
    else if (interactive()) got = await askHidden(t(text(`${person} 的密码：`, `passphrase for ${person}: `)));
    else throw missing(person, variable);
    known.set(person, got);
    return got;
  };
  // What `ask` would give without asking: typed already, or in the environment.
  const atHand = (person: string, variable: string): string | undefined => known.get(person) ?? (env[variable] || undefined);
  return {
    recorder: (person) => ask(person, 'LEDGER_PASSPHRASE'),
    recorderAtHand: (person) => atHand(person, 'LEDGER_PASSPHRASE'),
    approver: (person) => ask(person, 'LEDGER_APPROVER_PASSPHRASE'),
    approverAtHand: (person) => atHand(person, 'LEDGER_APPROVER_PASSPHRASE'),
    async chosen(person) {
      const fromEnv = env.LEDGER_NEW_PASSPHRASE;
      let got: string;
      if (fromEnv !== undefined && fromEnv !== '') got = fromEnv;
      else if (interactive()) {
        got = await askHidden(t(text(`请为 ${person} 设定密码（至少 ${PASSPHRASE_MIN} 个字符）：`, `choose a passphrase for ${person} (at least ${PASSPHRASE_MIN} characters): `)));
        const again = await askHidden(t(text('再输入一次：', 'once more: ')));
        if (again !== got) throw new InputError(text('两次输入的密码不一致，未作任何记录', 'the two passphrases differ; nothing was recorded'));
      } else throw missing(person, 'LEDGER_NEW_PASSPHRASE');
      if ([...got].length < PASSPHRASE_MIN) {
        throw new InputError(text(`密码至少 ${PASSPHRASE_MIN} 个字符`, `a passphrase has at least ${PASSPHRASE_MIN} characters`));
      }
      known.set(person, got);
      return got;
    },
  };
}
