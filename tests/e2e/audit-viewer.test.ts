import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { saveCells } from '../../main/journal/cells';
import type { HostClient } from '../helpers/api';
import { tempDb } from '../helpers/db';
import { inProcessHost } from '../helpers/inproc-host';
import { PASSWORD, rightsSchool, type RightsSchool } from '../helpers/rights-fixture';

// Issue 15 part 5 through the browser host: the audit log in people's terms. Names instead of ids, the changes as
// «поле: было → стало», filters by person (name or login, case aside), class and kind of object, pages beyond 500 with
// the total, CSV and XLSX with Russian values and local time; personal values stay «скрыто» for the administrator.

type H = Awaited<ReturnType<typeof inProcessHost>>;
let h: H;
let s: RightsSchool;
let dir: string;
const as: Record<string, HostClient> = {};
const LOCAL_TIME = /^\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d$/;

before(async () => {
  const t = await tempDb();
  s = await rightsSchool(t.ctx);
  // a mark for every 5А student in every lesson of mathematics and Russian: several hundred audit rows
  for (const subjectId of [s.subjects.math, s.subjects.russian]) {
    const lessons = await t.db
      .selectFrom('lesson')
      .select('id')
      .where('class_id', '=', s.c5a)
      .where('subject_id', '=', subjectId)
      .where('id', '!=', s.math5a.id)
      .execute();
    await saveCells(t.ctx, {
      classId: s.c5a,
      subjectId,
      groupId: null,
      cells: lessons.flatMap((l) => s.kids.map((k) => ({ lessonId: l.id, studentId: k, text: '4' }))),
    });
  }
  await t.close();
  dir = t.dir;
  h = await inProcessHost({ dbFile: t.file });
  for (const k of ['hr5a', 'admin', 'director'] as const) as[k] = await (await h.client()).login(s.accounts[k].login, PASSWORD);
  // what the log should then tell in words: a group formed by the homeroom teacher, an absence reason, a refusal
  await as.hr5a.call('groups.save', {
    id: s.groups.g1,
    classId: s.c5a,
    subjectId: s.subjects.english,
    name: 'Англ. — 1 подгруппа',
    kind: 'subgroup',
    studentIds: [s.kids[0], s.kids[1], s.kids[2]],
    date: '2025-10-01',
  });
  await as.hr5a.call('journal.absenceReason', { lessonId: s.math5a.id, studentId: s.kids[0], absence: 'у' });
  await as.hr5a.raw('groups.delete', { id: s.g5b });
});
after(async () => {
  await h?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('rows name people, objects and classes, and tell the change as «поле: было → стало»', async () => {
  const { rows } = await as.admin.call('audit.list', { person: 'смирнова', limit: 10 });
  assert.ok(rows.length >= 3, 'the homeroom teacher’s three calls');
  assert.ok(rows.every((r) => r.actor === 'Смирнова Анна Петровна (kl5a)'));

  const group = rows.find((r) => r.entity === 'study_group')!;
  assert.equal(group.actionName, 'изменение');
  assert.equal(group.entityName, 'группа');
  assert.equal(group.objectName, 'Англ. — 1 подгруппа (5А)');
  assert.equal(group.className, '5А');
  const list = group.changes.find((c) => c.field === 'состав')!;
  assert.equal(list.before, 'Антонов Иван, Борисов Иван');
  assert.equal(list.after, 'Антонов Иван, Борисов Иван, Васильев Иван');
  const moved = group.changes.find((c) => c.field === 'переведены из других подгрупп')!;
  assert.equal(moved.after, 'ученик: Васильев Иван; из группы: Англ. — 2 подгруппа (5А)');
  assert.equal(group.changes.length, 2, 'what stayed the same is not listed');

  const cell = rows.find((r) => r.entity === 'journal_cell')!;
  assert.equal(cell.entityName, 'отметка или пропуск');
  assert.equal(cell.objectName, 'Математика, 5А, 06.10.2025, 1 урок — Антонов Иван');
  assert.deepEqual(cell.changes, [{ field: 'запись', before: 'н', after: 'у' }]);

  const refusal = rows.find((r) => r.action === 'refused')!;
  assert.equal(refusal.actionName, 'отказ в доступе');
  assert.equal(refusal.outcomeName, 'отказано');
  assert.ok(refusal.changes.some((c) => c.field === 'код' && c.after === 'нет прав'));
  // no row of the page speaks in ids or English field names
  for (const r of rows) for (const c of r.changes) assert.match(c.field, /^[А-ЯЁа-яё ()]+$/, c.field);
});

test('filters: the login as typed, the class, the kind of object', async () => {
  const byLogin = await as.admin.call('audit.list', { person: 'KL5A', limit: 100 });
  const byName = await as.admin.call('audit.list', { person: 'Смирнова', limit: 100 });
  assert.equal(byLogin.total, byName.total);
  assert.ok(byLogin.total >= 3);
  const nobody = await as.admin.call('audit.list', { person: 'Нетакого', limit: 100 });
  assert.deepEqual(nobody, { total: 0, rows: [] });
  const groups5b = await as.admin.call('audit.list', { entity: 'study_group', classId: s.c5b, limit: 100 });
  assert.equal(groups5b.total, 1, 'the 5Б subgroup was created once; the refused deletion changed nothing');
  assert.equal(groups5b.rows[0].className, '5Б');
});

test('pages beyond 500 with the total', async () => {
  const first = await as.director.call('audit.list', { limit: 50 });
  const count = (h.core.env.raw.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
  assert.ok(first.total > 700, `${first.total} rows`);
  // the director's own login and this list are rows too; the total counts what was there when it was read
  assert.ok(Math.abs(first.total - count) <= 2);
  const p12 = await as.director.call('audit.list', { limit: 50, offset: 550 });
  const p13 = await as.director.call('audit.list', { limit: 50, offset: 600 });
  assert.equal(p12.rows.length, 50);
  assert.ok(p12.rows.at(-1)!.id > p13.rows[0].id, 'pages follow each other, newest first');
  assert.equal(new Set([...p12.rows, ...p13.rows].map((r) => r.id)).size, 100);
  const marks = await as.director.call('audit.list', { entity: 'journal_cell', limit: 1, offset: 600 });
  assert.ok(marks.total > 600 && marks.rows.length === 1);
});

test('CSV and XLSX: Russian values, local time, names', async () => {
  const csv = await as.admin.call('audit.export', { person: 'kl5a' });
  const text = Buffer.from(csv.base64, 'base64')
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { delimiter: ';', skipEmptyLines: true }).data;
  assert.deepEqual(parsed[0], ['№', 'Время', 'Пользователь', 'Действие', 'Объект', 'Название', 'Класс', 'Итог', 'Изменения']);
  const cellRow = parsed.find((r) => r[4] === 'отметка или пропуск')!;
  assert.match(cellRow[1], LOCAL_TIME);
  assert.equal(cellRow[3], 'изменение');
  assert.equal(cellRow[5], 'Математика, 5А, 06.10.2025, 1 урок — Антонов Иван');
  assert.equal(cellRow[7], 'выполнено');
  assert.equal(cellRow[8], 'запись: н → у');
  assert.ok(parsed.some((r) => r[3] === 'отказ в доступе' && r[7] === 'отказано'));
  assert.match(csv.name, /\.csv$/);

  const xlsx = await as.admin.call('audit.export', { person: 'kl5a', format: 'xlsx' });
  assert.match(xlsx.name, /\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Журнал аудита')!;
  assert.equal(ws.rowCount, parsed.length);
  const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1).map((v) => String(v ?? ''));
  assert.deepEqual(values(1), parsed[0]);
  const found = Array.from({ length: ws.rowCount - 1 }, (_, i) => values(i + 2)).find((r) => r[4] === 'отметка или пропуск')!;
  assert.deepEqual(found.slice(1), cellRow.slice(1));
});

test('personal values stay «скрыто» for the administrator, in the rows and the files', async () => {
  // a change of a personal field alone is still listed for the administrator, its values hidden
  const deputy = await (await h.client()).login(s.accounts.deputy.login, PASSWORD);
  await deputy.call('students.update', { id: s.kids[0], student: { address_actual: 'ул. Проверочная, 7' } });
  const update = (await as.admin.call('audit.list', { entity: 'student', limit: 1 })).rows[0];
  assert.equal(update.action, 'update');
  assert.deepEqual(
    update.changes.find((c) => c.field === 'фактический адрес'),
    { field: 'фактический адрес', before: 'скрыто', after: 'скрыто' },
  );
  assert.doesNotMatch(JSON.stringify(update), /Проверочная/);

  const mine = await as.admin.call('audit.list', { entity: 'student', limit: 10 });
  const created = mine.rows.find((r) => r.action === 'create')!;
  const birth = created.changes.find((c) => c.field === 'дата рождения')!;
  assert.equal(birth.after, 'скрыто');
  assert.ok(created.changes.some((c) => c.field === 'фамилия' && c.after !== 'скрыто'));
  const csv = Buffer.from((await as.admin.call('audit.export', { entity: 'student' })).base64, 'base64').toString('utf8');
  assert.match(csv, /дата рождения: скрыто/);
  assert.doesNotMatch(csv, /\d\d\.\d\d\.2014/);
  const full = await as.director.call('audit.list', { entity: 'student', limit: 10 });
  const seen = full.rows.find((r) => r.id === created.id)!;
  assert.match(seen.changes.find((c) => c.field === 'дата рождения')!.after!, /^\d\d\.\d\d\.2014$/);
});
