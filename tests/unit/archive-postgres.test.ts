import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import '../../main/capabilities'; // registers the archive's recorder with printing, as the program does
import { openPostgres } from '../../db/postgres';
import { libpqEnv } from '../../main/backup/pg-tools';
import { systemActor, type Ctx } from '../../main/kernel/context';
import { runCli } from '../../main/transport/cli/index';
import { freshPgDatabase, pgSkip } from '../helpers/pg';
import { pdfPages, pdfText, run } from '../helpers/tools';
import { schoolWithMathLessons } from '../helpers/timetable';

// Whole-school printing and the year's archive package on a PostgreSQL database (issue 17): the print worker opens
// the same connection string; the package's data copy is the database's pg_dump -Fc, restorable and named in the
// manifest, whose SHA-256s `archive verify` checks.

function capture() {
  const lines: string[] = [];
  const errs: string[] = [];
  return { out: { log: (s: string) => lines.push(s), err: (s: string) => errs.push(s) }, lines, errs };
}

/** A small school built through the services: classes, a timetable, its lessons and a maths load in 5th grade. */
async function school(url: string): Promise<void> {
  const h = await openPostgres(url);
  try {
    const ctx: Ctx = { db: h.db, actor: systemActor('тест'), now: () => new Date() };
    await schoolWithMathLessons(ctx);
  } finally {
    await h.close();
  }
}

test(
  'print school and archive package on PostgreSQL: PDFs from the worker, a restorable pg_dump, the manifest verifies',
  { skip: pgSkip },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-pgarch-'));
    const db = await freshPgDatabase('sj_arch');
    try {
      await school(db.url);

      // print school: the worker thread opens the connection string itself (no path.resolve of a URL)
      const printed = capture();
      const printDir = path.join(dir, 'print');
      const code = await runCli(['print', 'school', '--db', db.url, '--year', '2025/2026', '--out', printDir], printed.out);
      assert.equal(code, 0, [...printed.lines, ...printed.errs].join('\n'));
      const pdfs = fs
        .readdirSync(printDir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.pdf'))
        .map((f) => path.join(printDir, f));
      assert.ok(pdfs.length >= 2, pdfs.join(', '));
      const total = pdfs.reduce((a, f) => a + pdfPages(f), 0);
      const said = /файлов (\d+) \((\d+) стр\.\)/.exec(printed.lines.join('\n'));
      assert.ok(said, printed.lines.join('\n'));
      assert.equal(Number(said[1]), pdfs.length);
      assert.equal(Number(said[2]), total, 'the pages the CLI reports are the pages pdfinfo counts');
      const journal = pdfs.find((f) => path.basename(f).startsWith('Классный журнал'));
      assert.ok(journal, pdfs.join(', '));
      const cover = pdfText(journal, 1);
      assert.match(cover, /класса/, 'the title page of the journal, read from the PostgreSQL database');
      assert.match(cover, /2025/);

      // archive package: PDFs, XLSX and the database's pg_dump
      const out = path.join(dir, 'archive');
      const pack = capture();
      assert.equal(
        await runCli(['archive', 'package', '--db', db.url, '--year', '2025/2026', '--out', out, '--no-media'], pack.out),
        0,
        [...pack.lines, ...pack.errs].join('\n'),
      );
      const folder = path.join(out, '2025-2026');
      const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as {
        engine: string;
        files: { path: string; sha256: string }[];
      };
      assert.equal(manifest.engine, 'postgresql');
      const names = manifest.files.map((f) => f.path);
      assert.ok(names.includes('Данные 2025-2026.pgdump'), names.join(', '));
      assert.ok(!names.some((n) => n.endsWith('.sqlite')));
      assert.ok(names.some((n) => n.endsWith('.xlsx')));
      for (const f of manifest.files) assert.equal(f.sha256, run('sha256sum', [path.join(folder, f.path)]).split(' ')[0], f.path);
      const readme = fs.readFileSync(path.join(folder, 'README.txt'), 'utf8');
      assert.match(readme, /pg_restore/);
      assert.match(readme, /audit verify --db postgres:\/\//);

      // the dump is pg_dump's custom format holding the journal's tables
      const list = run('pg_restore', ['--list', path.join(folder, 'Данные 2025-2026.pgdump')]);
      assert.match(list, /TABLE DATA public audit_log/);
      assert.match(list, /TABLE DATA public academic_year/);

      // restored into an empty database, its audit chain verifies
      const copy = await freshPgDatabase('sj_arch_copy');
      try {
        execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', copy.name, path.join(folder, 'Данные 2025-2026.pgdump')], {
          env: libpqEnv(copy.url),
        });
        const v = capture();
        assert.equal(await runCli(['audit', 'verify', '--db', copy.url], v.out), 0, [...v.lines, ...v.errs].join('\n'));
      } finally {
        await copy.drop();
      }

      const ok = capture();
      assert.equal(await runCli(['archive', 'verify', folder], ok.out), 0, ok.lines.join('\n'));
      // one changed byte of the dump is named
      const dump = path.join(folder, 'Данные 2025-2026.pgdump');
      fs.chmodSync(dump, 0o644);
      const bytes = fs.readFileSync(dump);
      bytes[Math.floor(bytes.length / 2)] ^= 1;
      fs.writeFileSync(dump, bytes);
      const bad = capture();
      assert.notEqual(await runCli(['archive', 'verify', folder], bad.out), 0);
      assert.match(bad.lines.join('\n'), /Данные 2025-2026\.pgdump/);
    } finally {
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
