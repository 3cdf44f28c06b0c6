// Regenerates docs/screenshots/print-*.png: the summary ledger, the homeroom printouts and the school's book from
// data made up in the test helpers:  node --import tsx tests/tools/print-screenshots.ts
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { attendanceByMonthSource, attendanceLedgerSource } from '../../main/printing/homeroom/attendance';
import { marksLedgerSource } from '../../main/printing/homeroom/marks';
import { ledgerBookSource } from '../../main/printing/ledger/book';
import { ledgerSource } from '../../main/printing/ledger/ledger';
import { layoutDocument, type DocumentSource } from '../../main/printing/layout/document';
import { renderPdf } from '../../main/printing/render/pdf';
import { makeAbsences, makeDecisions, makeLedgerData, makeMarks } from '../helpers/ledger-fixture';

async function main() {
  const out = path.resolve(__dirname, '../../docs/screenshots');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-shots-'));
  const d = makeLedgerData(38);
  const marks = makeMarks(d);
  const abs = makeAbsences(d);
  const docs: [string, DocumentSource, (total: number) => number][] = [
    ['print-ledger', ledgerSource(d, { marks, decisions: makeDecisions(d), councilNote: 'протокол № 9 от 28.05.2026' }, 'single'), () => 1],
    [
      'print-ledger-signatures',
      ledgerSource(d, { marks, decisions: makeDecisions(d), councilNote: 'протокол № 9 от 28.05.2026' }, 'single'),
      (n) => n - 1,
    ],
    ['print-ledger-certification', ledgerSource(d, { marks, decisions: null, councilNote: null }, 'single'), (n) => n],
    ['print-attendance-month', attendanceByMonthSource(d, abs, 'single'), () => 3],
    ['print-attendance-ledger', attendanceLedgerSource(d, abs, 'single'), () => 1],
    ['print-marks-ledger', marksLedgerSource(d, marks, 'single', 'p2'), () => 1],
    [
      'print-book-contents',
      ledgerBookSource(d.school, '2025/2026', [{ data: d, parts: { marks, decisions: null, councilNote: null } }], 'single'),
      () => 2,
    ],
  ];
  for (const [name, src, page] of docs) {
    const doc = layoutDocument(src);
    const pdf = path.join(dir, `${name}.pdf`);
    await renderPdf(doc, pdf);
    const p = page(doc.total);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', '-f', String(p), '-l', String(p), pdf, path.join(out, name)]);
    console.log(`${name}.png ← page ${p} of ${doc.total}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
