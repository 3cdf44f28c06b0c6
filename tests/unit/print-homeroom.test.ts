import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { attendanceByMonthSource, attendanceLedgerSource, teachingMonths } from '../../main/printing/homeroom/attendance';
import { marksLedgerSource, markStats } from '../../main/printing/homeroom/marks';
import { layoutDocument } from '../../main/printing/layout/document';
import type { Page, TableBlock } from '../../main/printing/layout/page';
import { totalAbsence } from '../../main/printing/ledger/model';
import { renderDocument } from '../../main/printing/render/index';
import { makeAbsences, makeLedgerData, makeMarks } from '../helpers/ledger-fixture';
import { pdfPages, pdfText } from '../helpers/tools';

// The homeroom teacher's printouts (seed 000 §10) from data made up in the test: the class's attendance by month,
// the summary ledger of attendance and the summary ledger of marks, their sums checked against the data itself.

const data = makeLedgerData(38);
const absences = makeAbsences(data);
const marks = makeMarks(data);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-homeroom-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const tables = (p: Page) => p.blocks.filter((b): b is TableBlock => b.kind === 'table');
const bodyRows = (p: Page) => tables(p).flatMap((t) => t.rows.filter((r) => !r.header).map((r) => r.cells.map((c) => c.lines.join(' '))));

test('attendance by month: a page per month of teaching, each day’s missed lessons, the month’s totals by reason', async () => {
  const doc = layoutDocument(attendanceByMonthSource(data, absences, 'single'));
  const months = teachingMonths(data);
  assert.deepEqual(months, ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
  // 38 students and the totals row fit one landscape page per month
  assert.equal(doc.total, months.length);
  const nov = doc.pages.find((p) => p.section === 'month:2025-11')!;
  const rows = bodyRows(nov);
  const ill = data.students[2];
  const row = rows.find((r) => r[1] === `${ill.lastName} ${ill.firstName}`)!;
  const mine = Object.entries(absences.days[ill.id]).filter(([d]) => d.startsWith('2025-11'));
  const sum = (f: (a: (typeof mine)[number][1]) => number) => mine.reduce((a, [, v]) => a + f(v), 0);
  // columns: №, name, 30 days, всего, болезнь, уважит., без уваж.
  assert.equal(row[2 + 9], '6', 'six lessons missed on 10 November');
  assert.deepEqual(
    row.slice(2 + 30),
    [sum(totalAbsence), sum((v) => v.illness), sum((v) => v.excused), sum((v) => v.unexcused)].map((n) => (n ? String(n) : '')),
  );
  const total = rows.at(-1)!;
  assert.equal(total[0], 'Итого по классу');
  const classNov = Object.values(absences.days).flatMap((d) =>
    Object.entries(d)
      .filter(([k]) => k.startsWith('2025-11'))
      .map(([, v]) => totalAbsence(v)),
  );
  assert.equal(total.at(-4), String(classNov.reduce((a, b) => a + b, 0)));
  // the student who left on 12 December: grey after that, no row from January on
  const jan = bodyRows(doc.pages.find((p) => p.section === 'month:2026-01')!);
  assert.ok(!jan.some((r) => r[1].startsWith(data.students[3].lastName + ' ')));
  const dec = tables(doc.pages.find((p) => p.section === 'month:2025-12')!)[0];
  const left = dec.rows.find((r) => r.cells[1]?.lines[0]?.startsWith(data.students[3].lastName + ' '))!;
  assert.equal(left.cells[2 + 14].fill, 'closed', '15 December: no longer in the class');
  assert.equal(left.cells[2 + 10].fill, null, '11 December: a school day in the class');
  assert.equal(left.cells[2 + 12].fill, 'closed', '13 December: Saturday');
  const out = path.join(dir, 'months.pdf');
  await renderDocument(doc, 'pdf', out);
  assert.equal(pdfPages(out), doc.total);
  assert.match(pdfText(out, 3), /Отчёт о посещаемости 5 «А» класса за ноябрь 2025/);
});

test('summary ledger of attendance: each period and the year by reason, the class totals equal the data’s', async () => {
  const doc = layoutDocument(attendanceLedgerSource(data, absences, 'single'));
  const rows = doc.pages.flatMap(bodyRows);
  const total = rows.at(-1)!;
  assert.equal(total[0], 'Итого по классу');
  const all = Object.values(absences.days).flatMap((d) => Object.values(d));
  const year = [
    all.reduce((a, v) => a + totalAbsence(v), 0),
    all.reduce((a, v) => a + v.illness, 0),
    all.reduce((a, v) => a + v.excused, 0),
    all.reduce((a, v) => a + v.unexcused, 0),
  ];
  assert.deepEqual(total.slice(-4), year.map(String));
  // the first quarter's totals are only its own days
  const q1 = Object.values(absences.days).flatMap((d) =>
    Object.entries(d)
      .filter(([k]) => k >= '2025-09-01' && k <= '2025-10-24')
      .map(([, v]) => totalAbsence(v)),
  );
  assert.equal(total[1], String(q1.reduce((a, b) => a + b, 0)));
  const out = path.join(dir, 'attendance.pdf');
  await renderDocument(doc, 'pdf', out);
  const text = pdfText(out).replace(/\s+/g, ' ');
  assert.ok(text.includes(`Пропущено за год ${year[0]} уроков, из них по болезни ${year[1]}`));
});

test('summary ledger of marks: each period’s marks, counts and averages, success and quality as the deputy counts them', () => {
  const doc = layoutDocument(marksLedgerSource(data, marks, 'single'));
  assert.deepEqual([...new Set(doc.pages.map((p) => p.section))], ['marks:p1', 'marks:p2', 'marks:p3', 'marks:p4', 'marks:year']);
  const q2 = doc.pages.filter((p) => p.section === 'marks:p2').flatMap(bodyRows);
  const st = data.students[5];
  const row = q2.find((r) => r[1] === `${st.lastName} ${st.firstName}`)!;
  const mine = marks.subjects.map((s) => s.marks[st.id].p2!);
  assert.deepEqual(row.slice(2, 2 + mine.length), mine);
  const nums = mine.map(Number);
  assert.equal(row.at(-1), (nums.reduce((a, b) => a + b, 0) / nums.length).toFixed(2).replace('.', ','));
  assert.equal(row[2 + mine.length], String(nums.filter((n) => n === 5).length || ''));
  // success: all marks ≥ 3; quality: all 4 or 5 — over the students in the class at the period's end (37: one left)
  const s = markStats(data, marks, 'p2', '2025-12-26');
  assert.equal(s.counted, 37);
  const inClass = data.students.filter((x) => x !== data.students[3]);
  const ok = inClass.filter((x) => marks.subjects.every((sub) => Number(sub.marks[x.id].p2) >= 3)).length;
  const good = inClass.filter((x) => marks.subjects.every((sub) => Number(sub.marks[x.id].p2) >= 4)).length;
  assert.equal(s.successful, ok);
  assert.equal(s.success, Math.round((ok / 37) * 1000) / 10);
  assert.equal(s.quality, Math.round((good / 37) * 1000) / 10);
  // one period only, when asked
  assert.deepEqual(
    [...new Set(layoutDocument(marksLedgerSource(data, marks, 'single', 'year')).pages.map((p) => p.section))],
    ['marks:year'],
  );
});

test('no marks and no absences yet: empty forms that say so, not zeros passed off as results', () => {
  const m = layoutDocument(marksLedgerSource(data, null, 'single', 'p1'));
  const text = m.pages.flatMap((p) => p.blocks.flatMap((b) => (b.kind === 'paragraph' ? b.lines : []))).join(' ');
  assert.ok(text.includes('Отметок за период нет.'));
  const a = layoutDocument(attendanceLedgerSource(data, null, 'single'));
  const rows = a.pages.flatMap(bodyRows);
  assert.equal(rows.length, 39);
  assert.ok(rows.slice(0, 38).every((r) => r.slice(2).every((c) => c === '')));
});
