import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { ruNumber } from '../../main/contract/rules/numbers';
import { resultsComparison } from '../../main/control/results-compare';
import { printResults } from '../../main/control/results-pdf';
import { pdfBuffer } from '../../main/kernel/pdf';
import { drawBarChart, niceTicks } from '../../main/kernel/pdf-chart';
import { runCli } from '../../main/transport/cli/index';
import { tempDb } from '../helpers/db';
import { resultsFixture as fixture } from '../helpers/results-fixture';

// Comparisons of the results between periods and between years (issue 12, part 4) and the printable report with its
// charts (part 10), on stored period and year marks whose figures are worked out by hand in the comments. The fixture
// (tests/helpers/results-fixture.ts) writes the marks straight into the tables: the comparison only reads final marks,
// and how marks are entered is the journal's tests' business.

const figures = (x: { students: number; success: number | null; quality: number | null; average: number | null } | null) =>
  x && [x.students, x.success, x.quality, x.average];

test('comparison between the periods of a year and between years, by class and by student, with a chosen class', async () => {
  const t = await tempDb();
  const f = await fixture(t.db);
  // Periods of 2025/2026 by class. The 3rd and 4th periods have no marks: no columns.
  const periods = await resultsComparison(t.ctx, { yearId: f.yb, compare: 'periods', kind: 'year', by: 'class', classId: null });
  assert.deepEqual(
    periods.columns.map((c) => c.label),
    ['1-й период', '2-й период', 'Год'],
  );
  // 5А: p1 — (5,5) quality, (2,4) fails: 2 students, 50 %, 50 %, average 16/4 = 4; p2 none; year — (5,4), (3,3): 100 %,
  // 50 %, 15/4 = 3,75. 6А: p1 — (5,4) quality, (3,4) passes, (2,3) fails: 66,7 %, 33,3 %, 21/6 = 3,5; p2 — all pass,
  // (5,5) and (4,4) quality: 100 %, 66,7 %, 25/6 = 4,17; year — 100 %, 66,7 %, 24/6 = 4.
  assert.deepEqual(
    periods.rows.map((r) => [r.name, r.cells.map(figures)]),
    [
      ['5А', [[2, 50, 50, 4], null, [2, 100, 50, 3.75]]],
      [
        '6А',
        [
          [3, 66.7, 33.3, 3.5],
          [3, 100, 66.7, 4.17],
          [3, 100, 66.7, 4],
        ],
      ],
    ],
  );
  // The school: p1 — 5 students, 3 pass (60 %), 2 of quality (40 %), 37/10 = 3,7; p2 — 6А alone; year — all 5 pass,
  // 3 of quality (60 %), 39/10 = 3,9.
  assert.deepEqual(periods.total.cells.map(figures), [
    [5, 60, 40, 3.7],
    [3, 100, 66.7, 4.17],
    [5, 100, 60, 3.9],
  ]);
  assert.ok(periods.formulas.some((l) => l.startsWith('Сравнение по периодам')));

  // Years (year marks) from 2025/2026: 2024/2025 and 2025/2026, not the later 2026/2027. A class is matched by name:
  // 5А of 2024/2025 — (5,4) quality, (4,2) fails, (3,3) passes: 66,7 %, 33,3 %, 21/6 = 3,5.
  const years = await resultsComparison(t.ctx, { yearId: f.yb, compare: 'years', kind: 'year', by: 'class', classId: null });
  assert.deepEqual(
    years.columns.map((c) => c.label),
    ['2024/2025', '2025/2026'],
  );
  assert.deepEqual(
    years.rows.map((r) => [r.name, r.cells.map(figures)]),
    [
      [
        '5А',
        [
          [3, 66.7, 33.3, 3.5],
          [2, 100, 50, 3.75],
        ],
      ],
      ['6А', [null, [3, 100, 66.7, 4]]],
    ],
  );
  assert.deepEqual(years.total.cells.map(figures), [
    [3, 66.7, 33.3, 3.5],
    [5, 100, 60, 3.9],
  ]);
  // By student: the same student across years (the second student: (4,2) failed in 5А, (4,4) of quality in 6А).
  const byStudent = await resultsComparison(t.ctx, { yearId: f.yb, compare: 'years', kind: 'year', by: 'student', classId: null });
  const second = byStudent.rows.find((r) => r.key === `s${f.students[1]}`)!;
  assert.equal(second.name, 'Второй Ученик, 6А');
  assert.deepEqual(second.cells.map(figures), [
    [1, 0, 0, 3],
    [1, 100, 100, 4],
  ]);
  // A chosen class: 5А of 2025/2026 and, the year before, the class of the same name.
  const one = await resultsComparison(t.ctx, { yearId: f.yb, compare: 'years', kind: 'year', by: 'class', classId: f.b5 });
  assert.equal(one.total.name, '5А');
  assert.deepEqual(one.total.cells.map(figures), [
    [3, 66.7, 33.3, 3.5],
    [2, 100, 50, 3.75],
  ]);
  // 1st-period marks over the years: 2024/2025 has none, so one column.
  const p1 = await resultsComparison(t.ctx, { yearId: f.yb, compare: 'years', kind: 'p1', by: 'school', classId: null });
  assert.deepEqual(
    p1.columns.map((c) => c.label),
    ['2025/2026'],
  );

  // The CLI: --compare with --json, and the workbook with a label over each column's three figures.
  const lines: string[] = [];
  const out = { log: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
  const cli = (...args: string[]) => runCli(['report', 'results', '--db', t.target, '--year', '2025/2026', ...args], out);
  assert.equal(await cli('--period', 'year', '--by', 'class', '--compare', 'years', '--json'), 0, lines.join('\n'));
  const json = JSON.parse(lines.join('\n')) as { columns: string[]; rows: { name: string; cells: ({ success: number } | null)[] }[] };
  assert.deepEqual(json.columns, ['2024/2025', '2025/2026']);
  assert.deepEqual(
    json.rows.map((r) => [r.name, r.cells.map((c) => c?.success ?? null)]),
    [
      ['5А', [66.7, 100]],
      ['6А', [null, 100]],
      ['Школа', [66.7, 100]],
    ],
  );
  const xlsx = path.join(t.dir, 'compare.xlsx');
  assert.equal(
    await cli('--period', 'year', '--by', 'class', '--compare', 'periods', '--format', 'xlsx', '--out', xlsx),
    0,
    lines.join('\n'),
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const rows: unknown[][] = [];
  wb.getWorksheet('Сравнение')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  // (the empty third row is not listed: rows[2] is the labels' row; a merged range reads its label in each cell)
  assert.deepEqual([...new Set(rows[2].filter(Boolean))], ['1-й период', '2-й период', 'Год']);
  assert.deepEqual(
    rows.find((r) => r[0] === '6А'),
    ['6А', 66.7, 33.3, 3.5, 100, 66.7, 4.17, 100, 66.7, 4],
  );
  assert.equal(await cli('--period', 'year', '--by', 'class', '--compare', 'weeks', '--json'), 2);
  await t.cleanup();
});

const pdftotext = (file: string) =>
  execFileSync('pdftotext', ['-layout', file, '-'])
    .toString()
    .replace(/\u00a0/g, ' ');
const pdfPages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())![1]);

test('printable results: the formulas, the charts with their axis labels and the table in Russian number formats', async () => {
  const t = await tempDb();
  const f = await fixture(t.db);
  const report = path.join(t.dir, 'results.pdf');
  const lines: string[] = [];
  const out = { log: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
  assert.equal(
    await runCli(
      ['report', 'results', '--db', t.target, '--year', '2025/2026', '--period', '1', '--by', 'class', '--format', 'pdf', '--out', report],
      out,
    ),
    0,
    lines.join('\n'),
  );
  assert.equal(pdfPages(report), 1);
  assert.match(lines[0], /1 стр\./);
  const text = pdftotext(report);
  // The formulas are printed on the report.
  assert.match(text, /Как считаются показатели/);
  assert.match(text, /Успеваемость = ученики, у которых все отметки/);
  assert.match(text, /Качество = ученики/);
  // The charts: their titles, legends and the value axis (0 % … 100 % in steps of 20) are text in the PDF, the bars'
  // values over them with one decimal.
  assert.match(text, /Успеваемость и качество по классам/);
  assert.match(text, /Распределение отметок: Школа/);
  for (const tick of ['20 %', '40 %', '60 %', '80 %', '100 %']) assert.match(text, new RegExp(`(^|\\s)${tick}`, 'm'));
  assert.match(text, /Успеваемость\s+Качество/);
  assert.ok(text.includes('66,7 %') && text.includes('33,3 %'));
  // The table with the hand-worked 1st period (6А: 66,7 %, 33,3 %, 3,50; the school: 60,0 %, 40,0 %, 3,70).
  assert.match(text, /6А\s+3\s+66,7 %\s+33,3 %\s+3,50/);
  assert.match(text, /Итого: Школа\s+5\s+60,0 %\s+40,0 %\s+3,70/);

  // The comparison between periods as PDF, through the service the channel calls.
  const p = await printResults(t.ctx, { yearId: f.yb, kind: 'year', by: 'class', classId: null, compare: 'periods' });
  const cmp = path.join(t.dir, 'compare.pdf');
  fs.writeFileSync(cmp, p.buffer);
  assert.equal(pdfPages(cmp), p.pages);
  const ctext = pdftotext(cmp);
  assert.match(ctext, /Сравнение по периодам: каждый столбец/);
  assert.match(ctext, /Качество по классам/);
  assert.match(ctext, /1-й период\s+2-й период\s+Год/);
  assert.match(ctext, /6А\s+66,7 %\s+33,3 %\s+3,50\s+100,0 %\s+66,7 %\s+4,17\s+100,0 %\s+66,7 %\s+4,00/);
  assert.match(ctext, /5А\s+50,0 %\s+50,0 %\s+4,00\s+—\s+—\s+—/);
  assert.match(p.name, /^Сравнение результатов по периодам .*\.pdf$/);
  await t.cleanup();
});

test('pdf chart: round axis steps and thousands the Russian way on the axis and over the bars', async () => {
  assert.deepEqual(niceTicks(100), [0, 20, 40, 60, 80, 100]);
  assert.deepEqual(niceTicks(1092), [0, 500, 1000, 1500]);
  assert.deepEqual(niceTicks(7), [0, 2, 4, 6, 8]);
  const t = await tempDb();
  const file = path.join(t.dir, 'chart.pdf');
  const buf = await pdfBuffer({ title: 'Диаграмма', author: 'тест' }, (pdf) => {
    pdf.addPage({ size: 'A4', layout: 'landscape', margin: 36 });
    drawBarChart(
      pdf,
      {
        title: 'Распределение отметок',
        categories: ['«5»', '«4»', '«3»'],
        series: [{ name: 'Отметок', color: '#4e79a7', values: [1092, 2345, 87] }],
        format: (v) => ruNumber(v),
        valueLabels: true,
      },
      { x: 36, y: 36, width: 500, height: 260 },
    );
  });
  fs.writeFileSync(file, buf);
  const text = pdftotext(file);
  // Axis: 0 … 2 500 in steps of 500; over the bars «1 092», «2 345», «87».
  for (const s of ['2 500', '2 000', '1 500', '1 000', '1 092', '2 345', '87', '«5»', '«4»', '«3»', 'Отметок'])
    assert.ok(text.includes(s), `${s} in\n${text}`);
  await t.cleanup();
});
