import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { peakRssMB, runChild } from './peak-rss';
import { openDatabase } from '../db';
import { systemActor } from '../main/kernel/context';
import { runDemo } from '../main/demo';
import { buildClassDocument } from '../main/printing/catalog';
import { renderDocument } from '../main/printing/render/index';
import { generateKeyPair } from '../main/backup/keys';
import { runCli } from '../main/transport/cli/index';

// The archive package of a year on the demo school (43 classes, ~1100 students): `archive package` — every class's
// journal and ledger as PDF/A, the ledgers as XLSX, the book of ledgers, the database snapshot, the manifest, and the
// encrypted copy on one backup folder — then `archive verify` of the package. The reference, measured in the same
// run: one class journal PDF. Each part runs in its own process, so its time and peak memory (max RSS, the print
// worker's thread included) are its own.

export const ABOUT =
  'Archive package of a year (`archive package`, demo school, 43 classes): PDF/A journals and ledgers, XLSX ledgers, the book, the SQLite snapshot, manifest.json, and the age-encrypted copy on one media folder; then `archive verify` re-hashing the package. Reference: one class journal PDF (5А).';

async function childJournal(dbFile: string, out: string): Promise<void> {
  const h = await openDatabase(dbFile);
  const ctx = { db: h.db, actor: systemActor('бенчмарк'), now: () => new Date() };
  const cls = await h.db.selectFrom('class').select('id').where('name', '=', '5А').executeTakeFirstOrThrow();
  const started = performance.now();
  const doc = await buildClassDocument(ctx, 'journal', cls.id, { sided: 'single' });
  await renderDocument(doc, 'pdf', out);
  const ms = Math.round(performance.now() - started);
  await h.close();
  process.stdout.write(JSON.stringify({ pages: doc.total, ms, peakMB: peakRssMB() }));
}

async function childPackage(dbFile: string, out: string, media: string, recipient: string): Promise<void> {
  const lines: string[] = [];
  const started = performance.now();
  const code = await runCli(
    ['archive', 'package', '--db', dbFile, '--year', '2025/2026', '--out', out, '--media', media, '--recipient', recipient],
    {
      log: (s) => lines.push(s),
      err: () => {},
    },
  );
  if (code !== 0) throw new Error(lines.join('\n'));
  const ms = Math.round(performance.now() - started);
  const m = /: (\d+) файл\S*, ([\d,]+) МиБ, (\d+) стр\./.exec(lines[0])!;
  process.stdout.write(
    JSON.stringify({ files: Number(m[1]), MiB: Number(m[2].replace(',', '.')), pdfPages: Number(m[3]), ms, peakMB: peakRssMB() }),
  );
}

async function childVerify(dir: string): Promise<void> {
  const started = performance.now();
  const code = await runCli(['archive', 'verify', dir], { log: () => {}, err: () => {} });
  if (code !== 0) throw new Error(`verify: ${code}`);
  process.stdout.write(JSON.stringify({ ms: Math.round(performance.now() - started), peakMB: peakRssMB() }));
}

const child = (args: string[]) => runChild(__filename, args);

export async function run(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-bench-archive-'));
  try {
    const db = path.join(dir, 'demo.sqlite');
    const h = await openDatabase(db);
    await runDemo(h.db, h.raw, systemActor('бенчмарк')); // demo: full 2025/2026
    await h.close();
    const journal = child(['journal', db, path.join(dir, 'journal.pdf')]);
    console.log(`archive: reference — one class journal PDF (5А, ${journal.pages} pages) ${journal.ms} ms, peak RSS ${journal.peakMB} MB`);
    const { recipient } = await generateKeyPair();
    const pkg = child(['package', db, path.join(dir, 'archive'), path.join(dir, 'media'), recipient]);
    console.log(
      `archive: the year package — ${pkg.files} files, ${pkg.MiB} MiB, ${pkg.pdfPages} PDF pages, ${(pkg.ms / 1000).toFixed(1)} s, peak RSS ${pkg.peakMB} MB`,
    );
    const verify = child(['verify', path.join(dir, 'archive', '2025-2026')]);
    console.log(`archive: verify ${verify.ms} ms`);
    return { journal, package: pkg, verify, ratio: { packageVsJournal: +(pkg.ms / journal.ms).toFixed(1) } };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'journal') void childJournal(process.argv[3], process.argv[4]);
else if (process.argv[2] === 'package') void childPackage(process.argv[3], process.argv[4], process.argv[5], process.argv[6]);
else if (process.argv[2] === 'verify') void childVerify(process.argv[3]);
else if (require.main === module) void run();
