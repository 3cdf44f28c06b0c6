import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../db';
import { systemActor } from '../main/kernel/context';
import { runDemo } from '../main/demo';
import { SCHOOL_SET } from '../main/contract/rules/documents';
import { buildClassDocument, classDocumentSource } from '../main/printing/catalog';
import { layoutDocument, type PagedDocument } from '../main/printing/layout/document';
import { renderDocument } from '../main/printing/render/index';
import { startSchoolPrint } from '../main/printing/school/runner';
import { peakRssMB, runChild } from './peak-rss';

// Whole-school printing of the demo school (43 classes, ~1100 students) as PDF: every class × every document of the
// school set, then the school's book, in the print worker — from the demo's own year of journal data (lessons, topics,
// marks, absences, period and final marks) read by the real document providers.
// The reference, measured in the same run: one class's journal PDF laid out and written in the main thread.
// Each part runs in its own process, so time and peak memory (VmHWM, worker included) are its own. The one journal
// is also measured in two steps, each in its own process, so the renderer's memory is not hidden under the layout's:
// `layout` reads the class's data and lays the pages out (peak RSS of that process); `render` loads those laid-out
// pages from a JSON file and writes the PDF (peak RSS of that process, and its RSS once the pages are loaded, before
// rendering). `idle` is a process that has loaded the same modules and opened the database but done nothing: the
// floor under both.
// Targets: the whole school under 90 s and 600 MB.

export const ABOUT =
  'Whole-school printing (every class × the school set, then the school book, PDF, in the print worker) from the one-year demo school, as the system actor. ' +
  'Reference: one class journal (5А) laid out and written in one process (oneJournal). oneJournalSteps measures the same journal in separate processes so the renderer is seen apart from the layout: ' +
  'idlePeakMB is the floor (modules loaded, database opened); dataAndLayoutPeakMB the process that reads the data and lays out the pages; renderPagesLoadedRssMB the render process once the laid-out pages are loaded from JSON; ' +
  'renderPeakMB its peak after writing the PDF; renderAboveLoadedPagesMB the difference, the renderer’s own memory. Peak memory is VmHWM of each process (worker threads included).';

async function makeDemo(file: string): Promise<void> {
  const h = await openDatabase(file);
  await runDemo(h.db, h.raw, systemActor('бенчмарк'), { today: '2026-06-30' });
  await h.close();
}

async function childOne(dbFile: string, out: string): Promise<void> {
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

async function childSchool(dbFile: string, outDir: string): Promise<void> {
  const started = performance.now();
  const h = startSchoolPrint(
    {
      dbFile,
      yearId: 1,
      outDir,
      formats: ['pdf'],
      kinds: [...SCHOOL_SET],
      book: true,
      actor: systemActor('бенчмарк'),
      tag: 'bench',
    },
    (e) => {
      if (e.type === 'progress' && e.done % 20 === 0) process.stderr.write(`  [${e.done}/${e.total}] ${e.current}\n`);
    },
  );
  const s = await h.done;
  const ms = Math.round(performance.now() - started);
  const pages = s.written.reduce((a, w) => a + w.pages, 0);
  const journals = s.written.filter((w) => w.kind === 'journal');
  process.stdout.write(
    JSON.stringify({
      files: s.written.length,
      failed: s.failed.length,
      classes: s.classes,
      pages,
      journalPages: journals.reduce((a, w) => a + w.pages, 0),
      megabytes: Math.round(s.written.reduce((a, w) => a + w.bytes, 0) / 1e6),
      ms,
      peakMB: peakRssMB(),
    }),
  );
}

const rssMB = () => Math.round(process.memoryUsage().rss / 2 ** 20);

async function childIdle(dbFile: string): Promise<void> {
  const h = await openDatabase(dbFile);
  await h.db.selectFrom('class').select('id').where('name', '=', '5А').executeTakeFirstOrThrow();
  await h.close();
  process.stdout.write(JSON.stringify({ peakMB: peakRssMB() }));
}

async function childLayout(dbFile: string, pagesFile: string): Promise<void> {
  const h = await openDatabase(dbFile);
  const ctx = { db: h.db, actor: systemActor('бенчмарк'), now: () => new Date() };
  const cls = await h.db.selectFrom('class').select('id').where('name', '=', '5А').executeTakeFirstOrThrow();
  const t0 = performance.now();
  const source = await classDocumentSource(ctx, 'journal', cls.id, { sided: 'single' });
  const t1 = performance.now();
  const doc = layoutDocument(source);
  const t2 = performance.now();
  const peak = peakRssMB();
  await h.close();
  fs.writeFileSync(pagesFile, JSON.stringify({ ...doc, anchors: [...doc.anchors] }));
  process.stdout.write(JSON.stringify({ pages: doc.total, dataMs: Math.round(t1 - t0), layoutMs: Math.round(t2 - t1), peakMB: peak }));
}

async function childRender(pagesFile: string, out: string): Promise<void> {
  const parsed = JSON.parse(fs.readFileSync(pagesFile, 'utf8')) as PagedDocument & { anchors: [string, never][] };
  const doc: PagedDocument = { ...parsed, anchors: new Map(parsed.anchors) };
  const loadedMB = rssMB();
  const t = performance.now();
  await renderDocument(doc, 'pdf', out);
  process.stdout.write(
    JSON.stringify({
      renderMs: Math.round(performance.now() - t),
      pagesLoadedRssMB: loadedMB,
      peakMB: peakRssMB(),
      bytes: fs.statSync(out).size,
    }),
  );
}

const child = (args: string[]) => runChild(__filename, args);

export async function run(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-bench-print-'));
  try {
    const db = path.join(dir, 'demo.sqlite');
    await makeDemo(db);
    const one = child(['one', db, path.join(dir, 'journal.pdf')]);
    console.log(`print-school: reference — one class journal PDF (5А, ${one.pages} pages) ${one.ms} ms, peak RSS ${one.peakMB} MB`);
    const idle = child(['idle', db]);
    const layout = child(['layout', db, path.join(dir, 'pages.json')]);
    const render = child(['render', path.join(dir, 'pages.json'), path.join(dir, 'journal-2.pdf')]);
    const oneJournalSteps = {
      idlePeakMB: idle.peakMB,
      dataMs: layout.dataMs,
      layoutMs: layout.layoutMs,
      dataAndLayoutPeakMB: layout.peakMB,
      renderMs: render.renderMs,
      renderPagesLoadedRssMB: render.pagesLoadedRssMB,
      renderPeakMB: render.peakMB,
      renderAboveLoadedPagesMB: render.peakMB - render.pagesLoadedRssMB,
    };
    console.log(
      `print-school: one journal in steps — idle process ${idle.peakMB} MB; reading data ${layout.dataMs} ms + layout ${layout.layoutMs} ms, peak ${layout.peakMB} MB; ` +
        `PDF rendering ${render.renderMs} ms, ${render.pagesLoadedRssMB} MB with the laid-out pages loaded, peak ${render.peakMB} MB`,
    );
    const school = child(['school', db, path.join(dir, 'out')]);
    console.log(
      `print-school: whole school PDF — ${school.classes} classes, ${school.files} files (${school.failed} failed), ${school.pages} pages (journals ${school.journalPages}), ${school.megabytes} MB, ${(school.ms / 1000).toFixed(1)} s, peak RSS ${school.peakMB} MB`,
    );
    const ratio = {
      timeVsOneJournal: +(school.ms / one.ms).toFixed(1),
      perClassVsOneJournal: +(school.ms / school.classes / one.ms).toFixed(2),
      memoryVsOneJournal: +(school.peakMB / one.peakMB).toFixed(2),
    };
    console.log(
      `print-school: ratios ${JSON.stringify(ratio)}; targets: under 90 s ${school.ms < 90_000 ? 'met' : 'MISSED'}, under 600 MB ${school.peakMB < 600 ? 'met' : 'MISSED'}`,
    );
    return {
      oneJournal: one,
      oneJournalSteps,
      oneJournalStepsMeaning:
        'idle: peak RSS (VmHWM) of a process that loaded the modules and opened the database; dataAndLayout: peak RSS of a process that read 5А’s journal data and laid out its pages; renderPagesLoaded: RSS of a process that loaded those laid-out pages from JSON, before rendering; renderPeak: that process’s peak RSS after writing the PDF; renderAboveLoadedPages: renderPeak − renderPagesLoaded, the renderer’s own memory',
      school,
      ratio,
      targetUnder90s: school.ms < 90_000,
      targetUnder600MB: school.peakMB < 600,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'one') void childOne(process.argv[3], process.argv[4]);
else if (process.argv[2] === 'idle') void childIdle(process.argv[3]);
else if (process.argv[2] === 'layout') void childLayout(process.argv[3], process.argv[4]);
else if (process.argv[2] === 'render') void childRender(process.argv[3], process.argv[4]);
else if (process.argv[2] === 'school') void childSchool(process.argv[3], process.argv[4]);
else if (require.main === module) void run();
