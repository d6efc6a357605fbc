/**
 * Printing our HTML the way the committee does: headless Chromium to an A4 PDF, then
 * poppler's `pdfinfo`, `pdftotext` and `pdftoppm` to read it back. Used by the notice and the
 * receipt tests. Needs `chromium` and `poppler-utils` (the CI installs them).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : 'chromium');

export function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} could not run (${r.error.message}); install chromium and poppler-utils, as .ci/run does`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Headless Chromium with a fresh profile (under `dir`), no network chatter, no sandbox (CI containers). */
export function chromium(dir: string, args: string[]): string {
  const profile = fs.mkdtempSync(path.join(dir, 'chromium-'));
  try {
    return run(CHROMIUM, [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, ...args,
    ]);
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

export const fileUrl = (f: string) => `file://${f.split(path.sep).map(encodeURIComponent).join('/')}`;

/** Prints `html` (a file) to a PDF beside it; its page count and page size. */
export function printPdf(html: string): { pdf: string; pages: number; size: string } {
  const pdf = html.replace(/\.html$/, '.pdf');
  chromium(path.dirname(html), [`--print-to-pdf=${pdf}`, '--no-pdf-header-footer', fileUrl(html)]);
  const info = run('pdfinfo', [pdf]);
  return { pdf, pages: Number(/^Pages:\s+(\d+)/m.exec(info)![1]), size: /^Page size:\s+(.*)$/m.exec(info)![1]! };
}

/** The text of each page of a PDF, in reading order (pdftotext ends every page with a form feed). */
export function pageTexts(pdf: string): string[] {
  return run('pdftotext', [pdf, '-']).split('\f').slice(0, -1);
}

/**
 * Lays a copy of `html` out at A4 width with `probe` (a script that writes its findings as
 * JSON into `<pre id="probe">`) and returns what it found. The page itself holds no script.
 */
export function probe<T>(html: string, script: string, inject = ''): T {
  const copy = html.replace(/\.html$/, '.probe.html');
  fs.writeFileSync(copy, fs.readFileSync(html, 'utf8').replace('</body>', `${inject}${script}</body>`));
  const dom = chromium(path.dirname(html), ['--window-size=794,1123', '--virtual-time-budget=10000', '--dump-dom', fileUrl(copy)]);
  const m = /<pre id="probe">(.*?)<\/pre>/s.exec(dom);
  if (!m) throw new Error(`the layout probe did not report: ${dom.slice(0, 500)}`);
  return JSON.parse(m[1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as T;
}
