import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import ExcelJS from 'exceljs';
import { runCli } from '../../main/transport/cli/index';
import { SCHEMA_FILE } from '../../main/exchange/json-schema';
import { YEAR_TABLES } from '../../main/exchange/tables/index';
import * as lessons from '../../main/timetable/lessons';
import { tempDb } from '../helpers/db';
import { libreOfficeToPdf, pdfText } from '../helpers/tools';
import { firstMathLesson, plainWeek, smallSchool, type SmallSchool } from '../helpers/timetable';

// The exchange commands on a small school file: `export year` in the three formats (the XLSX opened by LibreOffice
// headless, the JSON checked against the schema), `import journal` with --dry-run and for real, and wrong arguments.

let t: Awaited<ReturnType<typeof tempDb>>;
let s: SmallSchool;

function capture() {
  const lines: string[] = [];
  const errs: string[] = [];
  return { out: { log: (x: string) => lines.push(x), err: (x: string) => errs.push(x) }, lines, errs };
}

before(async () => {
  t = await tempDb('school.sqlite');
  s = await smallSchool(t.ctx);
  await plainWeek(t.ctx, s);
  await lessons.generateLessons(t.ctx, { yearId: s.yearId });
});

after(async () => {
  await t?.cleanup();
});

test('export year: XLSX (LibreOffice opens it), CSV per table, JSON valid against the schema', async () => {
  const out = path.join(t.dir, 'out');
  for (const format of ['xlsx', 'csv', 'json']) {
    const c = capture();
    const code = await runCli(['export', 'year', '--db', t.target, '--year', '2025/2026', '--format', format, '--out', out], c.out);
    assert.equal(code, 0, c.errs.join('\n'));
  }
  const files = fs.readdirSync(out).sort();
  assert.deepEqual(files, ['year-2025-2026.json', 'year-2025-2026.xlsx', ...YEAR_TABLES.map((x) => `year-2025-2026-${x.key}.csv`)].sort());
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(out, 'year-2025-2026.xlsx'));
  assert.equal(wb.worksheets.length, YEAR_TABLES.length);
  // LibreOffice reads the workbook: its PDF shows the first sheet's Russian header and a student of the school
  const pdf = libreOfficeToPdf(path.join(out, 'year-2025-2026.xlsx'), path.join(t.dir, 'lo'));
  const text = pdfText(pdf);
  assert.match(text, /Фамилия/);
  assert.match(text, /Антонов/);
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', SCHEMA_FILE), 'utf8')));
  const doc: unknown = JSON.parse(fs.readFileSync(path.join(out, 'year-2025-2026.json'), 'utf8'));
  const valid = validate(doc);
  assert.ok(valid, JSON.stringify(validate.errors));
});

test('export year: wrong arguments exit 2, an unknown year exits 1, a missing file 1', async () => {
  const c = capture();
  assert.equal(await runCli(['export', 'year', '--db', t.target, '--year', '2025/2026', '--format', 'pdf', '--out', t.dir], c.out), 2);
  assert.equal(await runCli(['export', 'year', '--db', t.target, '--format', 'csv', '--out', t.dir], c.out), 2);
  assert.equal(await runCli(['export', 'month', '--db', t.target], c.out), 2);
  assert.equal(await runCli(['export', 'year', '--db', t.target, '--year', '1999/2000', '--format', 'csv', '--out', t.dir], c.out), 1);
  assert.match(c.errs.join('\n'), /Учебный год «1999\/2000» не найден\. В базе есть учебный год: 2025\/2026/);
});

test('import journal: --dry-run saves nothing, then the file is saved; a bad file exits 1', async () => {
  const first = await firstMathLesson(t.db, s);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Математика');
  ws.addRow(['', first.date.split('-').reverse().join('.')]);
  ws.addRow(['Антонов Иван', '5']);
  ws.addRow(['Борисов Иван', 'нб']);
  const file = path.join(t.dir, 'other.xlsx');
  await wb.xlsx.writeFile(file);
  const marks = async () => (await t.db.selectFrom('mark').select('value').where('lesson_id', '=', first.id).execute()).length;
  const dry = capture();
  assert.equal(
    await runCli(['import', 'journal', '--db', t.target, '--class', '5А', '--file', file, '--dry-run'], dry.out),
    0,
    dry.errs.join('\n'),
  );
  assert.match(dry.lines.join('\n'), /клеток 2 \(отметок 1, пропусков 1\)/);
  assert.equal(await marks(), 0);
  const real = capture();
  assert.equal(await runCli(['import', 'journal', '--db', t.target, '--class', '5А', '--file', file], real.out), 0, real.errs.join('\n'));
  assert.equal(await marks(), 1);
  ws.addRow(['Васильев Иван', '6']);
  await wb.xlsx.writeFile(file);
  const bad = capture();
  assert.equal(await runCli(['import', 'journal', '--db', t.target, '--class', '5А', '--file', file], bad.out), 1);
  assert.match(bad.errs.join('\n'), /Ничего не сохранено[\s\S]*«6»/);
  assert.equal(await runCli(['import', 'journal', '--db', t.target, '--class', '9Я', '--file', file], capture().out), 1);
  assert.equal(await runCli(['import', 'roster', '--db', t.target], capture().out), 2);
});
