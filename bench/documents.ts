import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { journalSource } from '../main/printing/journal/journal';
import type { JournalData, SubjectPagesData } from '../main/printing/journal/model';
import { layoutDocument } from '../main/printing/layout/document';
import type { Format } from '../main/contract/rules/documents';
import { renderDocument } from '../main/printing/render/index';
import { makeJournalData, makeSubject } from '../tests/helpers/journal-fixture';
import { peakRssMB } from './peak-rss';

// One full class journal (38 students, the 5th grade's 16 subjects and subgroups at their weekly hours, a whole
// year of lessons) laid out and written as PDF, DOCX, XLSX and HTML. Each format runs in its own child process, so
// its time and peak memory (max RSS) are its own. Ratios are against the PDF measured in the same run.

const PLAN: [string, string, number, string?][] = [
  ['rus', 'Русский язык', 5],
  ['lit', 'Литература', 3],
  ['eng1', 'Иностранный язык (английский)', 3, '1 подгруппа'],
  ['eng2', 'Иностранный язык (английский)', 3, '2 подгруппа'],
  ['math', 'Математика', 5],
  ['hist', 'История', 2],
  ['geo', 'География', 1],
  ['bio', 'Биология', 1],
  ['odnk', 'ОДНКНР', 1],
  ['izo', 'Изобразительное искусство', 1],
  ['mus', 'Музыка', 1],
  ['trud1', 'Труд (технология)', 2, '1 подгруппа'],
  ['trud2', 'Труд (технология)', 2, '2 подгруппа'],
  ['pe', 'Физическая культура', 2],
];

function fullJournal(): { data: JournalData; subjects: SubjectPagesData[] } {
  const data = makeJournalData(38);
  const subjects = PLAN.map(([key, name, perWeek, group]) => {
    const s = makeSubject(key, name, data, perWeek, { group, longTopics: key === 'hist' });
    if (group) {
      const half = Math.ceil(s.students.length / 2);
      s.students = group.startsWith('1') ? s.students.slice(0, half) : s.students.slice(half);
    }
    return s;
  });
  return { data, subjects };
}

async function child(format: Format, out: string): Promise<void> {
  const started = performance.now();
  const { data, subjects } = fullJournal();
  const doc = layoutDocument(journalSource(data, { subjects, finalMarks: null, attendance: null }, 'single'));
  const laid = performance.now();
  await renderDocument(doc, format, out);
  const done = performance.now();
  process.stdout.write(
    JSON.stringify({
      pages: doc.total,
      layoutMs: Math.round(laid - started),
      renderMs: Math.round(done - laid),
      totalMs: Math.round(done - started),
      peakMB: peakRssMB(),
      bytes: fs.statSync(out).size,
    }),
  );
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-bench-documents-'));
  const results: Record<string, Record<string, number>> = {};
  try {
    for (const format of ['pdf', 'docx', 'xlsx', 'html'] as Format[]) {
      const out = path.join(dir, `journal.${format}`);
      const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, 'child', format, out], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (r.status !== 0) throw new Error(`${format}: ${r.stderr}`);
      results[format] = JSON.parse(r.stdout.trim().split('\n').pop()!);
      const x = results[format];
      console.log(
        `documents: class journal ${format.toUpperCase().padEnd(4)} ${x.pages} pages, layout ${x.layoutMs} ms + render ${x.renderMs} ms = ${x.totalMs} ms, peak RSS ${x.peakMB} MB, ${(x.bytes / 1e6).toFixed(1)} MB file`,
      );
    }
    const pdf = results.pdf;
    const ratios = Object.fromEntries(
      Object.entries(results).map(([f, x]) => [
        f,
        { timeVsPdf: +(x.totalMs / pdf.totalMs).toFixed(2), memoryVsPdf: +(x.peakMB / pdf.peakMB).toFixed(2) },
      ]),
    );
    console.log(`documents: ratios against PDF ${JSON.stringify(ratios)}`);
    return { classJournal: results, ratios, targetPdfUnder2s: pdf.totalMs < 2000 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') void child(process.argv[3] as Format, process.argv[4]);
else if (require.main === module) void run();
