import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { AppError } from '../../db';
import type { Role } from '../../main/contract/rules/roles';
import * as classes from '../../main/school/classes';
import * as movement from '../../main/school/movement';
import * as staff from '../../main/school/staff';
import * as students from '../../main/school/students';
import * as years from '../../main/school/years';
import { tempDb } from '../helpers/db';
import type { Channel, Input, Output } from '../../main/contract/index';
import { startApp } from '../../main/transport/app';
import { student as blankStudent } from '../helpers/timetable';

let t: Awaited<ReturnType<typeof tempDb>>;
let yearId: number;
let c5a: number;
let c5b: number;

const rejects = (p: Promise<unknown>, re: RegExp) =>
  assert.rejects(
    p,
    (e: unknown) =>
      e instanceof AppError && re.test(e.message) && (e.code === 'INVALID' || e.code === 'FORBIDDEN' || e.code === 'NOT_FOUND'),
  );

const student = (last: string, birth = '2014-05-05') => ({ ...blankStudent(last, 'Иван', birth), middle_name: 'Петрович' });

before(async () => {
  t = await tempDb();
  yearId = await years.saveYear(t.ctx, { id: null, name: '2025/2026', start_date: '2025-09-01', end_date: '2026-08-31' });
  c5a = await classes.saveClass(t.ctx, { id: null, yearId, grade: 5, letter: 'А', week_days: 5, shift: 1 });
  c5b = await classes.saveClass(t.ctx, { id: null, yearId, grade: 5, letter: 'Б', week_days: 5, shift: 1 });
});
after(() => t.cleanup());

async function auditCount() {
  return Number(
    (
      await t.db
        .selectFrom('audit_log')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

test('a year that overlaps another, or has the wrong years in its name, is refused', async () => {
  await rejects(
    years.saveYear(t.ctx, { id: null, name: '2026/2027', start_date: '2026-08-01', end_date: '2027-08-31' }),
    /пересекается с 2025\/2026/,
  );
  await rejects(years.saveYear(t.ctx, { id: null, name: '2026/2028', start_date: '2026-09-01', end_date: '2027-08-31' }), /следующим/);
});

test('holidays outside the year are refused and nothing is saved', async () => {
  const n = await auditCount();
  await rejects(
    years.saveHoliday(t.ctx, {
      id: null,
      yearId,
      name: 'Летние',
      kind: 'summer',
      start_date: '2026-06-01',
      end_date: '2026-09-10',
      grades: [],
    }),
    /выходят за границы/,
  );
  assert.equal((await years.listHolidays(t.ctx, yearId)).length, 0);
  assert.equal(await auditCount(), n);
});

test('a grade belongs to one period scheme; gapped periods are refused until holidays cover the gap', async () => {
  const halves = {
    id: null,
    yearId,
    name: 'Полугодия',
    kind: 'half' as const,
    grades: [10, 11],
    periods: [
      { name: '1 полугодие', start_date: '2025-09-01', end_date: '2025-12-26' },
      { name: '2 полугодие', start_date: '2026-01-12', end_date: '2026-05-26' },
    ],
  };
  await rejects(years.saveScheme(t.ctx, halves), /учебные дни вне периодов и каникул \(29\.12\.2025–09\.01\.2026\)/);
  await years.saveHoliday(t.ctx, {
    id: null,
    yearId,
    name: 'Зимние',
    kind: 'winter',
    start_date: '2025-12-27',
    end_date: '2026-01-11',
    grades: [],
  });
  const id = await years.saveScheme(t.ctx, halves);
  await rejects(years.saveScheme(t.ctx, { ...halves, name: 'Ещё', grades: [11] }), /Параллель 11 уже учится по схеме «Полугодия»/);
  const periods = await years.periodsForGrade(t.db, yearId, 10);
  assert.deepEqual(
    periods.map((p) => p.name),
    ['1 полугодие', '2 полугодие'],
  );
  // editing keeps its own grades
  await years.saveScheme(t.ctx, { ...halves, id });
});

test('duplicate class names in a year are refused', async () => {
  await rejects(
    classes.saveClass(t.ctx, { id: null, yearId, grade: 5, letter: 'А', week_days: 5, shift: 1 }),
    /Класс 5А в этом учебном году уже есть/,
  );
});

test('students: duplicates, dates outside the year, movement history, one class at a time', async () => {
  const base = { classId: c5a, date: '2025-09-01', order_number: '1-у', guardians: [] };
  const id = await students.createStudent(t.ctx, { ...base, student: student('Орлов') });
  // The search folds Cyrillic case (SQL's lower() would not) and matches the beginnings of words, as every picker does.
  const found = async (search: string) =>
    (await students.listStudents(t.ctx, { classId: null, date: '2025-09-02', includeLeft: false, search })).map((s) => s.id);
  assert.deepEqual(await found('орлов'), [id]);
  assert.deepEqual(await found('ИВАН орл'), [id]);
  assert.deepEqual(await found('рлов'), []);
  await rejects(students.createStudent(t.ctx, { ...base, student: student('Орлов') }), /уже есть в базе/);
  await rejects(students.createStudent(t.ctx, { ...base, date: '2026-09-01', student: student('Лебедев') }), /вне учебного года/);
  await rejects(
    movement.transferStudent(t.ctx, { studentId: id, toClassId: c5b, date: '2025-08-30', order_number: '2-у', reason: '' }),
    /не может быть раньше/,
  );
  await rejects(
    movement.transferStudent(t.ctx, { studentId: id, toClassId: c5a, date: '2025-10-01', order_number: '2-у', reason: '' }),
    /уже учится в этом классе/,
  );
  await movement.transferStudent(t.ctx, { studentId: id, toClassId: c5b, date: '2025-10-13', order_number: '2-у', reason: '' });
  await rejects(
    movement.arriveStudent(t.ctx, { studentId: id, classId: c5a, date: '2025-11-01', order_number: '3-у', reason: '' }),
    /уже числится в классе/,
  );
  await movement.withdrawStudent(t.ctx, { studentId: id, date: '2025-12-15', order_number: '4-у', reason: 'Переезд' });
  const on = async (classId: number, date: string) =>
    (await students.listStudents(t.ctx, { classId, date, includeLeft: false })).map((s) => s.id);
  assert.deepEqual(await on(c5a, '2025-10-12'), [id]);
  assert.deepEqual(await on(c5a, '2025-10-13'), []);
  assert.deepEqual(await on(c5b, '2025-12-14'), [id]);
  assert.deepEqual(await on(c5b, '2025-12-15'), []);
  const history = await movement.movementHistory(t.ctx, id);
  assert.deepEqual(
    history.map((h) => [h.kind, h.fromClass, h.toClass, h.date]),
    [
      ['arrival', null, '5А', '2025-09-01'],
      ['transfer', '5А', '5Б', '2025-10-13'],
      ['withdrawal', '5Б', null, '2025-12-15'],
    ],
  );
  // enrollment intervals never overlap
  const e = await t.db.selectFrom('enrollment').selectAll().where('student_id', '=', id).orderBy('start_date').execute();
  assert.deepEqual(
    e.map((x) => [x.start_date, x.end_date]),
    [
      ['2025-09-01', '2025-10-12'],
      ['2025-10-13', '2025-12-14'],
    ],
  );
});

test('staff duplicates and a bad SNILS are refused', async () => {
  const p = {
    last_name: 'Ким',
    first_name: 'Анна',
    middle_name: 'Сергеевна',
    position: 'Учитель',
    birth_date: '1980-01-01',
    snils: null,
    phone: '',
    email: '',
    active: true,
  };
  await staff.saveStaff(t.ctx, p);
  await rejects(staff.saveStaff(t.ctx, { ...p, id: null }), /уже есть/);

  // The SNILS checksum is checked where every call enters (the channel's schema in the router), so submit through it.
  const app = await startApp({ dbFile: path.join(t.dir, 'snils.sqlite'), runtime: 'browser-host', background: false });
  try {
    const call = async <C extends Channel>(channel: C, input: Input<C>, session: string | null): Promise<Output<C>> => {
      const r = await app.router.call(channel, input, session);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as Output<C>;
    };
    // Staff cards are the deputy's: the administrator creates the account, the deputy activates it.
    const admin = await call('auth.setupAdmin', { login: 'admin', displayName: 'Администратор', password: 'admin-parol-1' }, null);
    const { activationCode } = await call('users.create', { login: 'zavuch', displayName: 'Завуч', roles: ['deputy'] }, admin.token);
    const { token } = await call('auth.activate', { login: 'zavuch', code: activationCode, password: 'zavuch-parol-1' }, null);
    const card = { ...p, id: null, last_name: 'Лосева' };
    const bad = await app.router.call('staff.save', { ...card, snils: '112-233-445 96' }, token);
    assert.equal(bad.ok ? 'saved' : bad.error.code, 'INVALID');
    assert.match(bad.ok ? '' : bad.error.message, /СНИЛС указан неверно: не сходится контрольное число/);
    assert.deepEqual(
      await app.env.db.selectFrom('staff').select('last_name').where('last_name', '=', 'Лосева').execute(),
      [],
      'nothing saved',
    );
    // The same card with the right checksum is saved, in the canonical format.
    const good = await app.router.call('staff.save', { ...card, snils: '11223344595' }, token);
    assert.ok(good.ok, good.ok ? '' : good.error.message);
    assert.deepEqual(await app.env.db.selectFrom('staff').select('snils').where('last_name', '=', 'Лосева').execute(), [
      { snils: '112-233-445 95' },
    ]);
  } finally {
    await app.close();
  }
});

test('personal fields: a subject teacher sees none, a homeroom teacher only for the class they lead', async () => {
  const s1 = await staff.saveStaff(t.ctx, {
    last_name: 'Белова',
    first_name: 'Ольга',
    middle_name: '',
    position: 'Учитель',
    birth_date: null,
    snils: null,
    phone: '',
    email: '',
    active: true,
  });
  await classes.saveClass(t.ctx, { id: c5b, yearId, grade: 5, letter: 'Б', week_days: 5, shift: 1, homeroom_staff_id: s1 });
  const inB = await students.createStudent(t.ctx, {
    classId: c5b,
    date: '2025-09-01',
    order_number: '1-у',
    guardians: [],
    student: student('Соболев', '2014-02-02'),
  });
  const inA = await students.createStudent(t.ctx, {
    classId: c5a,
    date: '2025-09-01',
    order_number: '1-у',
    guardians: [],
    student: student('Зайцев', '2014-03-03'),
  });
  const actor = (roles: Role[], staffId: number | null) => t.as({ userId: 99, name: 'x', roles, staffId, system: false });
  const teacher = actor(['teacher'], null);
  const homeroom = actor(['teacher', 'homeroom'], s1);
  await rejects(students.getStudent(teacher, inB), /недоступны для вашей роли/);
  assert.equal((await students.getStudent(teacher, inB, false)).personal, null);
  assert.equal((await students.getStudent(homeroom, inB)).personal?.birthDate, '2014-02-02');
  await rejects(students.getStudent(homeroom, inA), /недоступны для вашей роли/);
  await rejects(
    students.updateStudent(homeroom, { id: inA, student: student('Зайцев', '2014-03-03'), guardians: [] }),
    /только учеников своего класса/,
  );
  await students.updateStudent(homeroom, {
    id: inB,
    student: { ...student('Соболев', '2014-02-02'), phone: '+7 900 000-00-00' },
    guardians: [],
  });
});
