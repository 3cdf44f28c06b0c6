// Regenerates docs/screenshots/documents-*.png from a made-up class journal:
//   node --import tsx tests/tools/documents-screenshots.ts
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { journalSource } from '../../main/printing/journal/journal';
import { layoutDocument } from '../../main/printing/layout/document';
import { renderPdf } from '../../main/printing/render/pdf';
import { makeJournalData, makeSubject } from '../helpers/journal-fixture';

async function main() {
  const out = path.resolve(__dirname, '../../docs/screenshots');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-shots-'));
  const data = makeJournalData(38);
  const subjects = [
    makeSubject('math', 'Математика', data, 6, { count: 120 }),
    makeSubject('hist', 'История', data, 2, { longTopics: true }),
  ];
  const doc = layoutDocument(journalSource(data, { subjects, finalMarks: null, attendance: null }, 'single'));
  const pdf = path.join(dir, 'journal.pdf');
  await renderPdf(doc, pdf);
  const shots: [string, number][] = [
    ['documents-title', 1],
    ['documents-contents', 2],
    // the December spread of mathematics: the student who left has closed cells
    ['documents-spread-left', doc.anchors.get('subject:math')!.first + 6],
    ['documents-spread-right', doc.anchors.get('subject:math')!.first + 7],
    ['documents-spread-long-topics-right', doc.anchors.get('subject:hist')!.first + 1],
    ['documents-general', doc.anchors.get('general')!.first],
    ['documents-certification', doc.total],
  ];
  for (const [name, page] of shots) {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', '-f', String(page), '-l', String(page), pdf, path.join(out, name)]);
    console.log(`${name}.png ← page ${page}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
