import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError } from '../../db/index';
import { schemas } from '../../main/contract/index';
import type { Actor, Ctx } from '../../main/kernel/context';
import { saveCells } from '../../main/journal/cells';
import { saveLessonDetails } from '../../main/journal/lesson-details';
import { exportList, exportYear } from '../../main/exchange/export';
import { importFile } from '../../main/exchange/import';
import { SCHEMA_FILE, yearExportSchema } from '../../main/exchange/json-schema';
import { YEAR_TABLES } from '../../main/exchange/tables/index';
import { jsonDocument, visibleColumns, type LoadedTable } from '../../main/exchange/writers';
import * as lessons from '../../main/timetable/lessons';
import { tempDb } from '../helpers/db';
import { plainWeek, smallSchool, type SmallSchool } from '../helpers/timetable';

// Exports (issue 16, part 2) on a small hand-made school: every table's rows, personal columns only for readers who
// may see them, the formula-safe CSV, the XLSX read back, the JSON validated against the schema kept in the repository.

const ROOT = path.resolve(__dirname, '..', '..');
const HOSTILE = '=HYPERLINK("http://example.invalid/";"Открыть")';

let db: Awaited<ReturnType<typeof tempDb>>;
let s: SmallSchool;
let ctx: Ctx;
const actor = (roles: Actor['roles'], staffId: number | null = null): Actor => ({ userId: 1, name: 'user', roles, staffId, system: false });

before(async () => {
  db = await tempDb();
  ctx = db.ctx;
  s = await smallSchool(ctx);
  await plainWeek(ctx, s);
  await lessons.generateLessons(ctx, { yearId: s.yearId });
  await db.db
    .updateTable('student')
    .set({ snils: '112-233-445 95', address_actual: 'г. Омск, ул. Ленина, 1' })
    .where('id', '=', s.kids[0])
    .execute();
  await db.db.updateTable('class').set({ homeroom_staff_id: s.staff.mathT }).where('id', '=', s.classes.c5).execute();
  const math = await db.db
    .selectFrom('lesson')
    .select(['id', 'date'])
    .where('class_id', '=', s.classes.c5)
    .where('subject_id', '=', s.subjects.math)
    .orderBy('date')
    .limit(3)
    .execute();
  await saveCells(ctx, {
    classId: s.classes.c5,
    subjectId: s.subjects.math,
    groupId: null,
    cells: [
      { lessonId: math[0].id, studentId: s.kids[0], text: '5' },
      { lessonId: math[0].id, studentId: s.kids[1], text: '4/5' },
      { lessonId: math[1].id, studentId: s.kids[2], text: 'н' },
      { lessonId: math[2].id, studentId: s.kids[3], text: 'б' },
    ],
  });
  await saveLessonDetails(ctx, { lessonId: math[0].id, topic: HOSTILE, homework: '№ 12', workKind: '' });
  const at = new Date().toISOString();
  const fm = (kind: 'p1' | 'p2' | 'year', studentId: number, value: string) => ({
    year_id: s.yearId,
    class_id: s.classes.c5,
    subject_id: s.subjects.math,
    student_id: studentId,
    kind,
    value,
    entered_at: at,
    entered_by: 'тест',
  });
  await db.db
    .insertInto('final_mark')
    .values([fm('p1', s.kids[0], '5'), fm('p2', s.kids[0], '4'), fm('year', s.kids[0], '5')])
    .execute();
});

after(async () => {
  await db?.cleanup();
});

const count = async (table: 'lesson' | 'timetable_slot' | 'enrollment') =>
  Number(
    (
      await db.db
        .selectFrom(table)
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

function csvRows(data: Buffer): string[][] {
  const parsed = Papa.parse<string[]>(data.toString('utf8').replace(/^\uFEFF/, ''), { delimiter: ';', skipEmptyLines: true });
  assert.deepEqual(parsed.errors, []);
  return parsed.data;
}

test('each table of the year holds the fixture rows', async () => {
  const rows = Object.fromEntries(await Promise.all(YEAR_TABLES.map(async (t) => [t.key, await t.rows(ctx, s.yearId)] as const)));
  assert.equal(rows.students.length, await count('enrollment'));
  assert.ok(rows.students.every((r) => r.className === '5А'));
  assert.equal(rows.classes.length, 4);
  assert.equal(rows.classes.find((r) => r.className === '5А')!.students, 4);
  assert.deepEqual(
    rows.groups.map((r) => [r.groupName, r.members, r.kind]),
    [
      ['Англ. — 1 подгруппа', 2, 'подгруппа'],
      ['Англ. — 2 подгруппа', 2, 'подгруппа'],
    ],
  );
  assert.equal(rows.groupMembers.length, 4);
  assert.equal(rows.timetable.length, await count('timetable_slot'));
  assert.ok(rows.timetable.some((r) => r.weekday === 'вторник' && r.groupName === 'Англ. — 2 подгруппа'));
  assert.equal(rows.lessons.length, await count('lesson'));
  assert.ok(rows.lessons.some((r) => r.topic === HOSTILE && r.homework === '№ 12' && r.subject === 'Математика'));
  assert.deepEqual(rows.marks.map((r) => r.mark).sort(), ['4', '5', '5']);
  assert.deepEqual(
    rows.absences.map((r) => [r.student, r.code]),
    [
      ['Васильев Иван', 'н'],
      ['Григорьев Иван', 'б'],
    ],
  );
  assert.deepEqual(
    rows.periodMarks.map((r) => [r.period, r.mark]),
    [
      [1, '5'],
      [2, '4'],
    ],
  );
  assert.deepEqual(
    rows.finalMarks.map((r) => [r.kind, r.mark, r.student]),
    [['годовая', '5', 'Антонов Иван']],
  );
});

test('the class list names its homeroom teacher in full', async () => {
  const c = (await YEAR_TABLES.find((t) => t.key === 'classes')!.rows(ctx, s.yearId)).find((r) => r.className === '5А')!;
  const st = await db.db
    .selectFrom('staff')
    .select(['last_name', 'first_name', 'middle_name'])
    .where('id', '=', s.staff.mathT)
    .executeTakeFirstOrThrow();
  assert.equal(c.homeroom, [st.last_name, st.first_name, st.middle_name].filter(Boolean).join(' '));
});

test('personal columns: none for a teacher or a homeroom teacher of another class; there for the director and the own class', async () => {
  const personal = ['birthDate', 'snils', 'addressActual', 'g1Phone'];
  const teacher = await exportList(db.as(actor(['teacher'], s.staff.rusT)), {
    yearId: s.yearId,
    list: 'students',
    format: 'csv',
    classId: null,
  });
  assert.equal(teacher.personal, false);
  const head = csvRows(teacher.data)[0];
  for (const t of ['Дата рождения', 'СНИЛС', 'Фактический адрес', 'Родитель 1: телефон']) assert.ok(!head.includes(t), t);
  assert.ok(!teacher.data.toString('utf8').includes('112-233-445 95'));
  const otherHomeroom = await exportList(db.as(actor(['homeroom'], s.staff.rusT)), {
    yearId: s.yearId,
    list: 'students',
    format: 'csv',
    classId: s.classes.c5,
  });
  assert.equal(otherHomeroom.personal, false);
  const ownClass = await exportList(db.as(actor(['homeroom'], s.staff.mathT)), {
    yearId: s.yearId,
    list: 'students',
    format: 'csv',
    classId: s.classes.c5,
  });
  assert.equal(ownClass.personal, true);
  assert.ok(ownClass.data.toString('utf8').includes('112-233-445 95'));
  // the whole school's list is not «own class» even for the class's homeroom teacher
  const wholeSchool = await exportList(db.as(actor(['homeroom'], s.staff.mathT)), {
    yearId: s.yearId,
    list: 'students',
    format: 'csv',
    classId: null,
  });
  assert.equal(wholeSchool.personal, false);
  const director = await exportYear(db.as(actor(['director'])), { yearId: s.yearId, format: 'json' });
  assert.equal(director.personal, true);
  const doc = JSON.parse(director.files[0].data.toString('utf8'));
  assert.equal(doc.tables.students.find((r: { studentId: number }) => r.studentId === s.kids[0]).snils, '112-233-445 95');
  for (const k of personal) assert.ok(k in doc.tables.students[0], k);
});

test('a teacher may not export the whole year; a list needs its screen’s right', async () => {
  await assert.rejects(
    exportYear(db.as(actor(['teacher'], s.staff.rusT)), { yearId: s.yearId, format: 'xlsx' }),
    (e: AppError) => e.code === 'FORBIDDEN',
  );
  await assert.rejects(exportYear(db.as(actor(['admin'])), { yearId: s.yearId, format: 'csv' }), (e: AppError) => e.code === 'FORBIDDEN');
  await assert.rejects(exportYear(ctx, { yearId: 999, format: 'csv' }), (e: AppError) => e.code === 'NOT_FOUND');
  await assert.rejects(
    exportList(ctx, { yearId: s.yearId, list: 'students', format: 'csv', classId: 999 }),
    (e: AppError) => e.code === 'NOT_FOUND',
  );
});

test('bad input to the channels is refused with a Russian message', () => {
  const bad: [keyof typeof schemas, unknown, RegExp][] = [
    ['export.year', { yearId: s.yearId, format: 'pdf' }, /XLSX, CSV или JSON/],
    ['export.year', { yearId: 0, format: 'csv' }, /./],
    ['export.list', { yearId: s.yearId, list: 'passwords', format: 'csv' }, /Неизвестный список/],
    ['export.list', { yearId: s.yearId, list: 'students', format: 'json' }, /XLSX или CSV/],
  ];
  for (const [channel, input, message] of bad) {
    const r = schemas[channel].safeParse(input);
    assert.equal(r.success, false, JSON.stringify(input));
    assert.match(r.error!.issues[0].message, message);
  }
});

test('CSV: a file per table, every cell through the formula-safe writer', async () => {
  const r = await exportYear(ctx, { yearId: s.yearId, format: 'csv' });
  assert.deepEqual(
    r.files.map((f) => f.name),
    YEAR_TABLES.map((t) => `year-2025-2026-${t.key}.csv`),
  );
  const lessonsCsv = csvRows(r.files.find((f) => f.name.endsWith('-lessons.csv'))!.data);
  assert.deepEqual(
    lessonsCsv[0],
    YEAR_TABLES.find((t) => t.key === 'lessons')!.columns.map((c) => c.title),
  );
  const cells = lessonsCsv.flat();
  assert.ok(cells.includes(`'${HOSTILE}`));
  for (const c of cells) assert.doesNotMatch(c, /^[=+\-@\t\r]/);
  // dates the Russian way
  assert.match(lessonsCsv[1][1], /^\d{2}\.\d{2}\.2025$/);
});

test('XLSX: a sheet per table with Russian titles, a frozen header, dates as dates, numbers as numbers', async () => {
  const r = await exportYear(ctx, { yearId: s.yearId, format: 'xlsx' });
  assert.equal(r.files.length, 1);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.files[0].data as unknown as ArrayBuffer);
  assert.deepEqual(
    wb.worksheets.map((w) => w.name),
    YEAR_TABLES.map((t) => t.title),
  );
  const ws = wb.getWorksheet('Уроки')!;
  assert.equal(ws.views[0]?.state, 'frozen');
  assert.equal(ws.getRow(1).getCell(2).value, 'Дата');
  assert.ok(ws.getRow(2).getCell(2).value instanceof Date);
  assert.equal(typeof ws.getRow(2).getCell(3).value, 'number');
  assert.equal(ws.rowCount - 1, await count('lesson'));
  const topics = ws.getColumn(10).values;
  assert.ok(topics.includes(HOSTILE), 'a text beginning with «=» stays text in XLSX');
  assert.equal(ws.getColumn(10).values.filter((v) => typeof v === 'object' && v !== null && 'formula' in v).length, 0);
});

interface YearDoc {
  schemaVersion: number;
  year: string;
  tables: Record<string, Record<string, unknown>[]>;
}

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, SCHEMA_FILE), 'utf8')));
}

test('JSON: validates against the schema in the repository, with and without personal columns', async () => {
  const validate = validator();
  const r = await exportYear(ctx, { yearId: s.yearId, format: 'json' });
  const doc = JSON.parse(r.files[0].data.toString('utf8')) as YearDoc;
  assert.equal(doc.schemaVersion, 1);
  assert.equal(doc.year, '2025/2026');
  const valid = validate(doc);
  assert.ok(valid, JSON.stringify(validate.errors));
  assert.equal(doc.tables.marks.length, 3);
  // without personal columns (what a reader without the right gets) it is valid too
  const loaded: LoadedTable[] = await Promise.all(
    YEAR_TABLES.map(async (table) => ({ table, columns: visibleColumns(table, false), rows: await table.rows(ctx, s.yearId) })),
  );
  const plain = JSON.parse(
    (await jsonDocument(loaded, { school: '', year: '2025/2026', exportedAt: new Date() })).toString('utf8'),
  ) as YearDoc;
  assert.ok(!('snils' in plain.tables.students[0]));
  const plainValid = validate(plain);
  assert.ok(plainValid, JSON.stringify(validate.errors));
  // and the schema bites: a missing column, an unknown column, a wrong type, a bad date are refused
  const broken = (fn: (d: typeof doc) => void) => {
    const d = structuredClone(doc);
    fn(d);
    return validate(d);
  };
  assert.equal(
    broken((d) => delete d.tables.marks[0].mark),
    false,
  );
  assert.equal(
    broken((d) => (d.tables.marks[0].extra = 1)),
    false,
  );
  assert.equal(
    broken((d) => (d.tables.lessons[0].lessonNumber = 'первый')),
    false,
  );
  assert.equal(
    broken((d) => (d.tables.lessons[0].date = '31.12.2025')),
    false,
  );
  assert.equal(
    broken((d) => (d.schemaVersion = 2)),
    false,
  );
});

test('the schema file is the ExportTables’ schema: they cannot drift apart', () => {
  const kept = JSON.parse(fs.readFileSync(path.join(ROOT, SCHEMA_FILE), 'utf8'));
  assert.deepEqual(kept, yearExportSchema(YEAR_TABLES), 'run: node --import tsx tests/tools/year-export-schema.ts');
  assert.match(SCHEMA_FILE, /\.v1\.schema\.json$/);
  for (const t of YEAR_TABLES) {
    assert.equal(new Set(t.columns.map((c) => c.key)).size, t.columns.length, `${t.key}: duplicate column`);
    assert.ok(t.title.length <= 31, `${t.title}: a sheet name has at most 31 characters`);
  }
});

test('the export is in the audit log, with whether personal columns went', async () => {
  await exportList(db.as(actor(['teacher'], s.staff.rusT)), { yearId: s.yearId, list: 'staff', format: 'xlsx', classId: null });
  const row = await db.db
    .selectFrom('audit_log')
    .select(['action', 'entity', 'after'])
    .where('action', '=', 'export')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const staff = Number(
    (
      await db.db
        .selectFrom('staff')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  assert.deepEqual(JSON.parse(row.after!), { list: 'staff', format: 'xlsx', personal: false, rows: staff });
  assert.equal(row.entity, 'academic_year');
});

test("the year's students, staff and classes files read back through the roster import: every field found, no errors", async () => {
  const { files } = await exportYear(ctx, { yearId: s.yearId, format: 'csv' });
  for (const kind of ['students', 'staff', 'classes'] as const) {
    const file = files.find((f) => f.name.endsWith(`-${kind}.csv`))!;
    // A dry run into the same school: each row is someone already there, matched and checked, nothing saved.
    const { preview } = await importFile(ctx, kind, file.name, file.data, undefined, { dryRun: true });
    assert.equal(preview.fatal, null, kind);
    assert.deepEqual(preview.missing, [], kind);
    assert.deepEqual(
      Object.entries(preview.mapping).filter(([, i]) => i === null),
      [],
      `${kind}: every roster field has its column`,
    );
    assert.equal(preview.counts.errors, 0, `${kind}: ${JSON.stringify(preview.rows.find((r) => r.errors.length))}`);
    assert.equal(preview.counts.update, preview.counts.rows, kind);
    assert.ok(preview.counts.rows > 0, kind);
  }
});
