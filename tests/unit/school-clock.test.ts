import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { exportAudit } from '../../main/accounts/audit-export';
import { importFile } from '../../main/exchange/import';
import type { Ctx } from '../../main/kernel/context';
import { mutate } from '../../main/kernel/mutate';
import { schoolTimeZone, schoolToday } from '../../main/kernel/school-clock';
import { putSetting } from '../../main/kernel/settings';
import * as classes from '../../main/school/classes';
import * as groups from '../../main/school/groups';
import { recordNotice } from '../../main/school/notices';
import { schoolClock } from '../../main/school/school';
import * as students from '../../main/school/students';
import * as years from '../../main/school/years';
import { tempDb } from '../helpers/db';

// One «today» for the whole school (main/kernel/school-clock.ts): at 21:30 UTC it is already the next day in Moscow,
// and every service must agree on that day — whatever the time zone of the process running them (UTC on CI). The
// roster import enrolled students from the school's day while students.list asked the process's day, so freshly
// imported students were «not yet enrolled» after 21:00 UTC.

let t: Awaited<ReturnType<typeof tempDb>>;
let yearId: number;
let classId: number;
/** 00:30 on 3 December in Moscow; 2 December in UTC. */
const LATE = new Date('2026-12-02T21:30:00Z');
/** 23:30 on 2 December in Moscow: still the same day on both clocks. */
const EVENING = new Date('2026-12-02T20:30:00Z');
const at = (now: Date): Ctx => ({ ...t.ctx, now: () => now });

const HEADER = 'Класс;Фамилия;Имя;Отчество;Дата рождения;Пол;Родитель 1: кем приходится;Родитель 1: фамилия;Родитель 1: имя';
const roster = (...names: string[]) =>
  Buffer.from([HEADER, ...names.map((n) => `5А;${n};Андрей;Петрович;14.03.2015;м;мать;${n}а;Анна`)].join('\r\n'), 'utf8');

before(async () => {
  t = await tempDb();
  await mutate(t.ctx, (w) => putSetting(w.trx, 'school.timeZone', 'Europe/Moscow'));
  yearId = await years.saveYear(t.ctx, { id: null, name: '2026/2027', start_date: '2026-09-01', end_date: '2027-08-31' });
  classId = await classes.saveClass(t.ctx, { id: null, yearId, grade: 5, letter: 'А', week_days: 5, shift: 1 });
});
after(() => t.cleanup());

test('the school clock: 21:30 UTC is the next day in Moscow, 20:30 UTC the same day', async () => {
  assert.equal(await schoolTimeZone(t.db), 'Europe/Moscow');
  assert.equal(await schoolToday(at(LATE)), '2026-12-03');
  assert.equal(await schoolToday(at(EVENING)), '2026-12-02');
  assert.deepEqual(await schoolClock(at(LATE)), { today: '2026-12-03', timeZone: 'Europe/Moscow' });
});

test('at 21:30 UTC the import, students.list, groups, notices and the audit export agree on the school’s day', async () => {
  const ctx = at(LATE);
  const r = await importFile(ctx, 'students', 'список.csv', roster('Поздний'));
  assert.equal(r.result!.created, 1);
  const s = await t.db.selectFrom('student').select('id').where('last_name', '=', 'Поздний').executeTakeFirstOrThrow();
  const e = await students.currentEnrollment(t.db, s.id);
  assert.equal(e!.start_date, '2026-12-03', 'enrolled from the school’s day');
  // the list without a date is «today»: the student imported a minute ago is in the class
  const listed = await students.listStudents(ctx, { classId, includeLeft: false });
  assert.deepEqual(
    listed.map((x) => x.id),
    [s.id],
  );
  // …and on the UTC day before, they were not yet enrolled: the list above did not take UTC's day
  assert.deepEqual(await students.listStudents(ctx, { classId, date: '2026-12-02', includeLeft: false }), []);
  // a new group's members start on the school's day: the imported student can be a member today
  const groupId = await groups.saveGroup(ctx, {
    id: null,
    classId,
    subjectId: null,
    name: '1 подгруппа',
    kind: 'subgroup',
    studentIds: [s.id],
  });
  const listedGroups = await groups.listGroups(ctx, classId);
  assert.deepEqual(listedGroups.find((g) => g.id === groupId)?.studentIds, [s.id]);
  // a parent's statement dated the school's today is not «in the future»
  const g = await t.db.selectFrom('guardian').select('id').where('student_id', '=', s.id).executeTakeFirstOrThrow();
  await recordNotice(ctx, { studentId: s.id, guardianId: g.id, kind: 'pd_consent', date: '2026-12-03', document: '', note: '' });
  // the audit export's file is named by the school's day
  const file = await exportAudit(ctx, { limit: 10, format: 'csv' });
  assert.equal(file.name, 'журнал-аудита-2026-12-03.csv');
});

test('at 20:30 UTC (23:30 in Moscow) the next day is still the future', async () => {
  const ctx = at(EVENING);
  const s = await t.db.selectFrom('student').select('id').where('last_name', '=', 'Поздний').executeTakeFirstOrThrow();
  const g = await t.db.selectFrom('guardian').select('id').where('student_id', '=', s.id).executeTakeFirstOrThrow();
  await assert.rejects(
    recordNotice(ctx, { studentId: s.id, guardianId: g.id, kind: 'acknowledged', date: '2026-12-03', document: '', note: '' }),
    /в будущем/,
  );
  // enrolled from 3 December, so not yet in the class on the school's 2 December
  assert.deepEqual(await students.listStudents(ctx, { classId, includeLeft: false }), []);
  assert.equal((await exportAudit(ctx, { limit: 10, format: 'csv' })).name, 'журнал-аудита-2026-12-02.csv');
});

test('another time zone moves the day with it: 14:30 UTC is the next day in Vladivostok', async () => {
  await mutate(t.ctx, (w) => putSetting(w.trx, 'school.timeZone', 'Asia/Vladivostok'));
  try {
    assert.equal(await schoolToday(at(new Date('2026-12-02T14:30:00Z'))), '2026-12-03');
    assert.equal(await schoolToday(at(new Date('2026-12-02T13:30:00Z'))), '2026-12-02');
  } finally {
    await mutate(t.ctx, (w) => putSetting(w.trx, 'school.timeZone', 'Europe/Moscow'));
  }
});
