import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { peakRssMB, runChild } from './peak-rss';
import { openDatabase } from '../db';
import { systemActor } from '../main/kernel/context';
import { runDemo } from '../main/demo';
import { buildClassDocument } from '../main/printing/catalog';
import { renderDocument } from '../main/printing/render/index';
import { writeExtracts } from '../main/parents/service';
import { runCli } from '../main/transport/cli/index';

// Paper for parents on the demo school (43 classes, ~1100 students), every fifth student's parents having chosen paper:
// the Friday batch of the whole school (`print extracts --weekly`, a PDF per class), and one whole class's extracts for
// a month. The reference, measured in the same run: one class journal PDF. Each part runs in its own process, so its
// time and peak memory (max RSS) are its own.

const FRIDAY = '2025-12-12';

async function makeDemo(file: string): Promise<void> {
  const h = await openDatabase(file);
  await runDemo(h.db, h.raw, systemActor('бенчмарк'), { today: '2026-06-30' });
  h.raw
    .prepare(
      `insert into guardian_notice(student_id, guardian_id, guardian_name, kind, date, created_by, created_at)
       select g.student_id, min(g.id), 'родитель', 'electronic_refusal', '2025-09-10', 'бенчмарк', '2025-09-10T00:00:00Z'
       from guardian g where g.student_id % 5 = 0 group by g.student_id`,
    )
    .run();
  await h.close();
}

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

async function childClass(dbFile: string, out: string): Promise<void> {
  const h = await openDatabase(dbFile);
  const ctx = { db: h.db, actor: systemActor('бенчмарк'), now: () => new Date() };
  const cls = await h.db.selectFrom('class').select('id').where('name', '=', '5А').executeTakeFirstOrThrow();
  const started = performance.now();
  const r = await writeExtracts(
    ctx,
    { classId: cls.id, span: { from: '2025-12-01', to: '2025-12-31' }, homework: true },
    'pdf',
    out,
    'replace',
  );
  const ms = Math.round(performance.now() - started);
  await h.close();
  process.stdout.write(JSON.stringify({ students: r.students, pages: r.pages, ms, peakMB: peakRssMB() }));
}

async function childWeekly(dbFile: string, outDir: string): Promise<void> {
  const started = performance.now();
  const lines: string[] = [];
  const code = await runCli(['print', 'extracts', '--db', dbFile, '--weekly', FRIDAY, '--out', outDir], {
    log: (s) => lines.push(s),
    err: (s) => lines.push(s),
  });
  if (code !== 0) throw new Error(lines.join('\n'));
  const ms = Math.round(performance.now() - started);
  const files = fs.readdirSync(outDir);
  const students = lines.map((l) => /: (\d+) выпис/.exec(l)).reduce((a, m) => a + (m ? Number(m[1]) : 0), 0);
  const pages = lines.map((l) => /, (\d+) стр\./.exec(l)).reduce((a, m) => a + (m ? Number(m[1]) : 0), 0);
  process.stdout.write(JSON.stringify({ files: files.length, students, pages, ms, peakMB: peakRssMB() }));
}

const child = (args: string[]) => runChild(__filename, args);

export async function run(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-bench-parents-'));
  try {
    const db = path.join(dir, 'demo.sqlite');
    await makeDemo(db);
    const journal = child(['journal', db, path.join(dir, 'journal.pdf')]);
    console.log(`parents: reference — one class journal PDF (5А, ${journal.pages} pages) ${journal.ms} ms, peak RSS ${journal.peakMB} MB`);
    const cls = child(['class', db, path.join(dir, 'class.pdf')]);
    console.log(
      `parents: one class's extracts for December (5А, ${cls.students} students, ${cls.pages} pages) ${cls.ms} ms, peak RSS ${cls.peakMB} MB`,
    );
    const weekly = child(['weekly', db, path.join(dir, 'weekly')]);
    console.log(
      `parents: the whole school's weekly batch — ${weekly.files} files, ${weekly.students} extracts, ${weekly.pages} pages, ${(weekly.ms / 1000).toFixed(1)} s, peak RSS ${weekly.peakMB} MB`,
    );
    const ratio = { classVsJournal: +(cls.ms / journal.ms).toFixed(2), weeklyVsJournal: +(weekly.ms / journal.ms).toFixed(1) };
    return { journal, classExtracts: cls, weekly, ratio };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'journal') void childJournal(process.argv[3], process.argv[4]);
else if (process.argv[2] === 'class') void childClass(process.argv[3], process.argv[4]);
else if (process.argv[2] === 'weekly') void childWeekly(process.argv[3], process.argv[4]);
else if (require.main === module) void run();
