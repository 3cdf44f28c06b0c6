import assert from 'node:assert/strict';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { schemas, type Channel, type Input, type Result } from '../../main/contract/index';
import { systemActor, type Ctx } from '../../main/kernel/context';
import { YEAR_OF } from '../../db/migrations/0014_year_close';
import * as lessons from '../../main/timetable/lessons';
import { startApp, type App } from '../../main/transport/app';
import { plainWeek, smallSchool, student, type SmallSchool, mathTeacherLoad } from '../helpers/timetable';

// A closed year refuses every write channel (issue 14 part 2): each year-scoped write of main/contract, through the
// real router as the program and the browser host call it, works while the year is open and is refused with LOCKED and
// the Russian message once the year is closed. The refusal comes from one place, the database's triggers; this table
// proves no channel goes around it. The CLI's writing commands are in year-close.test.ts.

let app: App;
let dir: string;
let s: SmallSchool;
let token: string;
/** The math teacher of 5А: answers the inspection remarks on that journal. */
let teacherToken: string;
let lessonIds: number[];

const call = async <C extends Channel>(channel: C, input: Input<C>, as = token): Promise<Result<unknown>> =>
  app.router.call(channel, input, as);
const ok = async <C extends Channel>(channel: C, input: Input<C>) => {
  const r = await call(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as never;
};

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-yearlock-'));
  app = await startApp({ dbFile: path.join(dir, 'j.sqlite'), runtime: 'browser-host', background: false });
  const ctx: Ctx = { db: app.env.db, actor: systemActor('тест'), now: () => new Date() };
  s = await smallSchool(ctx);
  await plainWeek(ctx, s);
  await lessons.generateLessons(ctx, { yearId: s.yearId });
  await mathTeacherLoad(ctx, s, 5);
  const admin = (await app.router.call(
    'auth.setupAdmin',
    { login: 'admin', displayName: 'Администратор', password: 'admin-parol-1' },
    null,
  )) as {
    ok: true;
    value: { token: string };
  };
  const created = await app.router.call('users.create', { login: 'zavuch', displayName: 'Завуч', roles: ['deputy'] }, admin.value.token);
  assert.ok(created.ok);
  const { activationCode } = created.value as { activationCode: string };
  const act = await app.router.call('auth.activate', { login: 'zavuch', code: activationCode, password: 'zavuch-parol-1' }, null);
  assert.ok(act.ok);
  token = (act.value as { token: string }).token;
  const t = await app.router.call(
    'users.create',
    { login: 'uchitel', displayName: 'Учитель математики', staffId: s.staff.mathT, roles: ['teacher'] },
    admin.value.token,
  );
  assert.ok(t.ok);
  const tAct = await app.router.call(
    'auth.activate',
    { login: 'uchitel', code: (t.value as { activationCode: string }).activationCode, password: 'uchitel-parol-1' },
    null,
  );
  assert.ok(tAct.ok);
  teacherToken = (tAct.value as { token: string }).token;
  lessonIds = (
    await app.env.db
      .selectFrom('lesson')
      .select('id')
      .where('class_id', '=', s.classes.c5)
      .where('subject_id', '=', s.subjects.math)
      .orderBy('date')
      .execute()
  ).map((l) => l.id);
});

after(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Phase = 'open' | 'closed';
interface Case {
  channel: Channel;
  /** Called as the math teacher of 5А rather than the deputy. */
  teacher?: boolean;
  /** Prepares what the write needs (itself through the router, while the year is open) and returns its input. */
  input(phase: Phase, prep: Prep): Promise<unknown>;
}
interface Prep {
  /** Runs before the year closes: the things each phase's write works on. */
  (fn: () => Promise<unknown>): Promise<unknown>;
}

const csv = (title: string) => ({ name: 'ktp.csv', base64: Buffer.from(`Тема;Часы\n${title};1\n`, 'utf8').toString('base64') });
const letter = (phase: Phase) => (phase === 'open' ? 'Б' : 'В');
const period = (grade: number) =>
  app.env.db.selectFrom('grade_scheme').select('scheme_id').where('grade', '=', grade).executeTakeFirstOrThrow();
const kid = (i: number) => s.kids[i];

/** Every year-scoped write channel of main/contract, each with an input that works on an open year. */
const CASES: Case[] = [
  { channel: 'years.save', input: async () => ({ id: s.yearId, name: '2025/2026', start_date: '2025-09-01', end_date: '2026-08-31' }) },
  {
    channel: 'schemes.save',
    input: async () => {
      const sc = await period(10);
      return {
        id: sc.scheme_id,
        yearId: s.yearId,
        name: 'Полугодия',
        kind: 'half',
        grades: [10],
        periods: [
          { name: '1 полугодие', start_date: '2025-09-01', end_date: '2025-12-26' },
          { name: '2 полугодие', start_date: '2026-01-12', end_date: '2026-05-26' },
        ],
      };
    },
  },
  {
    channel: 'schemes.delete',
    input: async (phase) => {
      const grade = phase === 'open' ? 7 : 8;
      const id = await ok('schemes.save', {
        id: null,
        yearId: s.yearId,
        name: `Триместры ${grade}`,
        kind: 'trimester',
        grades: [grade],
        periods: [{ name: '1 триместр', start_date: '2025-09-01', end_date: '2025-11-30' }],
      });
      return { id };
    },
  },
  {
    channel: 'holidays.save',
    input: async (phase) => ({
      id: null,
      yearId: s.yearId,
      name: `Доп. ${phase}`,
      kind: 'extra',
      start_date: phase === 'open' ? '2026-02-02' : '2026-02-03',
      end_date: phase === 'open' ? '2026-02-02' : '2026-02-03',
      grades: [2],
    }),
  },
  {
    channel: 'holidays.delete',
    input: async (phase) => ({
      id: await ok('holidays.save', {
        id: null,
        yearId: s.yearId,
        name: `Удаляемые ${phase}`,
        kind: 'extra',
        start_date: phase === 'open' ? '2026-04-06' : '2026-04-07',
        end_date: phase === 'open' ? '2026-04-06' : '2026-04-07',
        grades: [2],
      }),
    }),
  },
  {
    channel: 'bells.save',
    input: async () => ({
      id: s.first,
      yearId: s.yearId,
      name: 'Первая смена',
      shift: 1,
      bells: [1, 2, 3, 4, 5, 6].map((n) => ({
        lesson_number: n,
        start_time: `${String(7 + n).padStart(2, '0')}:00`,
        end_time: `${String(7 + n).padStart(2, '0')}:40`,
      })),
    }),
  },
  {
    channel: 'classes.save',
    input: async (phase) => ({ id: null, yearId: s.yearId, grade: 6, letter: letter(phase), week_days: 5, shift: 1 }),
  },
  {
    channel: 'students.create',
    input: async (phase) => ({
      student: student(`Новиков-${phase}`, 'Пётр', '2014-05-05'),
      classId: s.classes.c5,
      date: '2026-02-02',
      order_number: '5-у',
    }),
  },
  {
    channel: 'movement.transfer',
    input: async () => ({ studentId: kid(phase0(0)), toClassId: s.classes.c10, date: '2026-03-02', order_number: '7-у' }),
  },
  {
    channel: 'movement.withdraw',
    input: async () => ({ studentId: kid(phase0(1)), date: '2026-03-03', order_number: '8-у', reason: 'Переезд' }),
  },
  {
    channel: 'movement.arrive',
    input: async (phase, prep) => {
      const r = (await prep(() =>
        ok('students.create', {
          student: student(`Прибывший-${phase}`, 'Олег', '2014-06-06'),
          classId: s.classes.c2,
          date: '2025-09-01',
          order_number: '2-у',
        }),
      )) as number;
      await prep(() => ok('movement.withdraw', { studentId: r, date: '2025-12-01', order_number: '3-у', reason: 'Переезд' }));
      return { studentId: r, classId: s.classes.c2, date: '2026-01-12', order_number: '4-у' };
    },
  },
  {
    channel: 'groups.save',
    input: async (phase) => ({
      id: null,
      classId: s.classes.c5,
      subjectId: null,
      name: `Кружок ${phase}`,
      kind: 'stream',
      studentIds: [kid(2)],
    }),
  },
  {
    channel: 'groups.delete',
    input: async (phase, prep) => ({
      id: await prep(() =>
        ok('groups.save', { id: null, classId: s.classes.c5, subjectId: null, name: `Удаляемая ${phase}`, kind: 'stream', studentIds: [] }),
      ),
    }),
  },
  {
    channel: 'curriculum.save',
    input: async (phase) => ({ yearId: s.yearId, grade: 5, entries: [{ subjectId: s.subjects.pe, hours: phase === 'open' ? 2 : 3 }] }),
  },
  {
    channel: 'load.save',
    input: async (phase) => ({
      id: null,
      yearId: s.yearId,
      staffId: s.staff.peT,
      classId: s.classes.c5,
      subjectId: s.subjects.pe,
      hours: phase === 'open' ? 2 : 3,
    }),
  },
  {
    channel: 'load.delete',
    input: async (phase, prep) => ({
      id: await prep(() =>
        ok('load.save', {
          id: null,
          yearId: s.yearId,
          staffId: s.staff.peT,
          classId: s.classes.c1,
          subjectId: s.subjects.pe,
          hours: phase === 'open' ? 1 : 2,
        }),
      ),
    }),
  },
  {
    channel: 'timetable.saveVersion',
    input: async (phase) => ({
      id: null,
      yearId: s.yearId,
      name: `Весна ${phase}`,
      valid_from: phase === 'open' ? '2026-08-24' : '2026-08-25',
    }),
  },
  {
    channel: 'timetable.deleteVersion',
    input: async (phase, prep) => ({
      id: await prep(() =>
        ok('timetable.saveVersion', {
          id: null,
          yearId: s.yearId,
          name: `Удаляемая ${phase}`,
          valid_from: phase === 'open' ? '2026-08-26' : '2026-08-27',
        }),
      ),
    }),
  },
  {
    channel: 'timetable.saveSlot',
    input: async (phase) => ({
      id: null,
      versionId: s.versionId,
      classId: s.classes.c10,
      weekday: phase === 'open' ? 1 : 2,
      lesson_number: 5,
      subjectId: s.subjects.pe,
      staffId: s.staff.peT,
      roomId: s.rooms.gym,
    }),
  },
  {
    channel: 'timetable.deleteSlot',
    input: async () => ({
      id: (
        await app.env.db
          .selectFrom('timetable_slot')
          .select('id')
          .where('class_id', '=', s.classes.c1)
          .orderBy('id')
          .limit(1)
          .offset(nextSlot++)
          .executeTakeFirstOrThrow()
      ).id,
    }),
  },
  {
    channel: 'lessons.generate',
    // a new slot in 1А, so that generating has lessons to add in either phase
    input: async (phase, prep) => {
      await prep(() =>
        ok('timetable.saveSlot', {
          id: null,
          versionId: s.versionId,
          classId: s.classes.c1,
          weekday: phase === 'open' ? 3 : 4,
          lesson_number: 4,
          subjectId: s.subjects.pe,
          staffId: s.staff.peT,
          roomId: s.rooms.gym,
        }),
      );
      return { yearId: s.yearId, classIds: [s.classes.c1] };
    },
  },
  { channel: 'subs.substitute', input: async () => ({ lessonId: lesson(), staffId: s.staff.rusT, reason: 'Болезнь учителя' }) },
  { channel: 'subs.cancel', input: async () => ({ lessonId: lesson(), reason: 'Карантин' }) },
  {
    channel: 'subs.move',
    input: async (phase) => ({
      lessonId: lesson(),
      date: phase === 'open' ? '2026-05-18' : '2026-05-19',
      lesson_number: 6,
      reason: 'Экскурсия',
    }),
  },
  {
    channel: 'plans.import',
    input: async (phase) => ({ yearId: s.yearId, subjectId: s.subjects.russian, grade: 10, name: `КТП ${phase}`, file: csv('Повторение') }),
  },
  {
    // The roster import writes the current year's classes (and students' enrollments) through the same services.
    channel: 'import.run',
    input: async (phase) => ({
      kind: 'classes',
      file: { name: 'классы.csv', base64: Buffer.from(`Класс;Смена\n11${letter(phase)};1\n`, 'utf8').toString('base64') },
    }),
  },
  {
    channel: 'plans.delete',
    input: async (phase, prep) => ({
      id: (
        (await prep(() =>
          ok('plans.import', {
            yearId: s.yearId,
            subjectId: s.subjects.math,
            grade: phase === 'open' ? 1 : 5,
            name: `Удаляемый ${phase}`,
            file: csv('Числа'),
          }),
        )) as { planId: number }
      ).planId,
    }),
  },
  {
    channel: 'control.save',
    input: async (phase) => ({
      id: null,
      yearId: s.yearId,
      classId: s.classes.c5,
      subjectId: s.subjects.math,
      date: phase === 'open' ? '2026-04-06' : '2026-04-07',
      kind: 'Контрольная работа',
      title: '',
    }),
  },
  {
    channel: 'control.delete',
    input: async (phase, prep) => ({
      id: await prep(() =>
        ok('control.save', {
          id: null,
          yearId: s.yearId,
          classId: s.classes.c5,
          subjectId: s.subjects.russian,
          date: phase === 'open' ? '2026-04-08' : '2026-04-09',
          kind: 'Диктант',
          title: '',
        }),
      ),
    }),
  },
  { channel: 'journal.saveCell', input: async () => ({ lessonId: lessonIds[40], studentId: kid(3), text: '5' }) },
  {
    channel: 'journal.saveCells',
    input: async () => ({
      classId: s.classes.c5,
      subjectId: s.subjects.math,
      cells: [{ lessonId: lessonIds[41], studentId: kid(3), text: '4' }],
    }),
  },
  { channel: 'journal.saveLesson', input: async () => ({ lessonId: lessonIds[42], topic: 'Дроби', homework: '§ 5', workKind: '' }) },
  {
    channel: 'import.journal.apply',
    // Another journal's XLSX with one mark: written through the journal's own saveCells, refused once the year closes.
    input: async (phase) => {
      const l = await app.env.db
        .selectFrom('lesson')
        .select('date')
        .where('id', '=', lessonIds[phase === 'open' ? 44 : 45])
        .executeTakeFirstOrThrow();
      const kidName = await app.env.db
        .selectFrom('student')
        .select(['last_name', 'first_name'])
        .where('id', '=', kid(3))
        .executeTakeFirstOrThrow();
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Математика');
      ws.addRow(['Ученик', l.date.split('-').reverse().join('.')]);
      ws.addRow([`${kidName.last_name} ${kidName.first_name}`, '5']);
      return { classId: s.classes.c5, file: { name: 'other.xlsx', base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') } };
    },
  },
  {
    channel: 'journal.absenceReason',
    // The reason of an absence already in the cell: written while the year is open, changed again once it is closed.
    input: async (phase) => {
      if (phase === 'open') {
        const r = await call('journal.saveCell', { lessonId: lessonIds[43], studentId: kid(3), text: 'н' });
        assert.ok(r.ok, JSON.stringify(r));
      }
      return { lessonId: lessonIds[43], studentId: kid(3), absence: phase === 'open' ? ('у' as const) : ('б' as const) };
    },
  },
  {
    channel: 'journal.setFinals',
    input: async (phase) => ({
      classId: s.classes.c5,
      subjectId: s.subjects.russian,
      kind: phase === 'open' ? 'p1' : 'p2',
      marks: [{ studentId: kid(3), value: '4' }],
    }),
  },
  {
    channel: 'journal.unlock',
    input: async (phase, prep) => {
      await prep(() =>
        ok('journal.setFinals', {
          classId: s.classes.c5,
          subjectId: s.subjects.math,
          kind: phase === 'open' ? 'p3' : 'p4',
          marks: [{ studentId: kid(3), value: '5' }],
        }),
      );
      const lock = await app.env.db
        .selectFrom('journal_lock')
        .select('id')
        .where('subject_id', '=', s.subjects.math)
        .where('kind', '=', phase === 'open' ? 'p3' : 'p4')
        .executeTakeFirstOrThrow();
      return { lockId: lock.id, reason: 'Исправление ошибки' };
    },
  },
  {
    channel: 'yearClose.saveDecisions',
    input: async (phase) => ({
      yearId: s.yearId,
      classId: s.classes.c5,
      protocol: 'протокол № 1',
      decisions: [{ studentId: kid(3), kind: phase === 'open' ? 'promoted' : 'conditional' }],
    }),
  },
  {
    channel: 'yearClose.defer',
    input: async (phase) => ({
      yearId: s.yearId,
      classId: s.classes.c5,
      subjectId: s.subjects.english,
      studentId: kid(3),
      kind: phase === 'open' ? 'year' : 'p4',
      reason: 'Болезнь',
      dueDate: '2026-09-15',
    }),
  },
  {
    channel: 'yearClose.undefer',
    input: async (phase, prep) => ({
      id: (
        (await prep(() =>
          ok('yearClose.defer', {
            yearId: s.yearId,
            classId: s.classes.c5,
            subjectId: s.subjects.russian,
            studentId: kid(2),
            kind: phase === 'open' ? 'p3' : 'p4',
            reason: 'Болезнь',
            dueDate: '2026-09-15',
          }),
        )) as { id: number }
      ).id,
    }),
  },
  {
    channel: 'remarks.write',
    input: async (phase) => ({
      classId: s.classes.c5,
      subjectId: s.subjects.math,
      lessonId: lessonIds[44],
      text: phase === 'open' ? 'Не записана тема урока' : 'Не выставлены отметки',
      dueDate: '2026-09-15',
    }),
  },
  {
    channel: 'remarks.answer',
    teacher: true,
    input: async (phase, prep) => ({
      id: (
        (await prep(() =>
          ok('remarks.write', { classId: s.classes.c5, subjectId: s.subjects.math, text: `Проверка ${phase}`, dueDate: null }),
        )) as { id: number }
      ).id,
      answer: 'Исправлено',
    }),
  },
  {
    channel: 'remarks.fix',
    input: async (phase, prep) => ({
      id: (
        (await prep(() => ok('remarks.write', { classId: s.classes.c5, text: `Классный журнал ${phase}`, dueDate: null }))) as {
          id: number;
        }
      ).id,
      fixed: true,
    }),
  },
];

let nextSlot = 0;
let nextLesson = 60;
/** A math lesson of 5А not touched by another case. */
const lesson = () => lessonIds[nextLesson++];
/** The open phase moves kids 0 and 1; the closed phase tries kids 2 and 3 (still in 5А). */
let phaseNow: Phase = 'open';
const phase0 = (i: number) => (phaseNow === 'open' ? i : i + 2);

test('every year-scoped table has its insert, update and delete guard', async () => {
  const triggers = new Set(app.env.raw!.prepare("select name from sqlite_master where type = 'trigger'").pluck().all() as string[]);
  for (const table of [...Object.keys(YEAR_OF), 'movement'])
    for (const op of ['ins', 'upd', 'del']) assert.ok(triggers.has(`${table}_year_closed_${op}`), `${table}: ${op}`);
  // A table that points at a class, a lesson or a year and has no guard is a hole: name it here or guard it.
  // personal_data_check: the homeroom teacher's monthly check of students' cards, a duty that goes on across years.
  // archive_*: the register of paper printed from a year, which is certified and kept after the year closed.
  const NOT_YEAR_DATA = new Set([
    'parent_extract',
    'guardian_notice',
    'audit_log',
    'personal_data_check',
    'archive_document',
    'archive_package',
  ]);
  const tables = app.env
    .raw!.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite%' and name not like 'kysely%'")
    .pluck()
    .all() as string[];
  for (const t of tables) {
    const cols = (app.env.raw!.prepare('select name from pragma_table_info(?)').pluck().all(t) as string[]).filter((c) =>
      ['year_id', 'class_id', 'lesson_id', 'scheme_id', 'schedule_id', 'version_id', 'plan_id', 'group_id', 'from_class_id'].includes(c),
    );
    if (cols.length && !NOT_YEAR_DATA.has(t))
      assert.ok(triggers.has(`${t}_year_closed_ins`), `${t} (${cols.join(', ')}) has no year guard`);
  }
});

test('a closed year refuses every write channel with LOCKED; the same writes work while it is open', async () => {
  const prepared: Record<Phase, unknown[]> = { open: [], closed: [] };
  const prep: Prep = (fn) => fn();
  // Open: each write goes through.
  phaseNow = 'open';
  for (const c of CASES) {
    const input = await c.input('open', prep);
    const r = await call(c.channel, input as never, c.teacher ? teacherToken : token);
    assert.ok(r.ok, `${c.channel} on an open year: ${r.ok ? '' : `${r.error.code} ${r.error.message}`}`);
  }
  // Inputs for the closed phase are prepared while the year is still open.
  phaseNow = 'closed';
  for (const c of CASES) prepared.closed.push(await c.input('closed', prep));
  const before = app.env.raw!.prepare("select count(*) from audit_log where outcome = 'ok'").pluck().get() as number;
  app.env.raw!.prepare('update academic_year set closed = 1 where id = ?').run(s.yearId);
  const refused: string[] = [];
  for (const [i, c] of CASES.entries()) {
    const r = await call(c.channel, prepared.closed[i] as never, c.teacher ? teacherToken : token);
    assert.equal(r.ok ? 'saved' : r.error.code, 'LOCKED', `${c.channel} on a closed year: ${r.ok ? 'saved' : r.error.message}`);
    if (!r.ok) assert.match(r.error.message, /учебный год закрыт/i, c.channel);
    refused.push(c.channel);
  }
  assert.equal(refused.length, CASES.length);
  // Nothing written: no audit row of a change since the year closed (the refusals are logged as refusals).
  assert.equal(app.env.raw!.prepare("select count(*) from audit_log where outcome = 'ok'").pluck().get(), before);
  // Reading still works.
  const grid = await call('journal.grid', { classId: s.classes.c5, subjectId: s.subjects.math, periodId: null });
  assert.ok(grid.ok);
});

/** Channels that only read. */
const READS = [
  'app.info',
  'auth.status',
  'auth.me',
  'users.list',
  'users.compromisedOperations',
  'audit.list',
  'audit.export',
  'audit.verify',
  'audit.warning',
  'school.get',
  'school.clock',
  'years.list',
  'schemes.list',
  'holidays.list',
  'bells.list',
  'subjects.list',
  'rooms.list',
  'staff.list',
  'classes.list',
  'students.list',
  'students.get',
  'movement.history',
  'groups.list',
  'stats.get',
  'notices.list',
  'notices.report',
  'curriculum.get',
  'load.list',
  'load.check',
  'qualifications.list',
  'timetable.versions',
  'timetable.slots',
  'timetable.conflicts',
  'timetable.pdf',
  'lessons.list',
  'lessons.hours',
  'subs.list',
  'subs.report',
  'plans.list',
  'plans.get',
  'plans.preview',
  'plans.export',
  'control.list',
  'control.check',
  'control.limits',
  'print.documents',
  'print.classes',
  'print.preview',
  'print.fonts',
  'print.html',
  'print.schoolStatus',
  'backup.status',
  'backup.history',
  'backup.progress',
  'backup.list',
  'journal.list',
  'journal.grid',
  'journal.cellHistory',
  'journal.planTopics',
  'journal.finals',
  'journal.homeroom',
  'journal.studentCard',
  'journal.attendance',
  'journal.corrections',
  'parents.weekly',
  'parents.register',
  'parents.registerFile',
  'yearClose.checklist',
  'yearClose.decisions',
  'notices.refusals',
  'notices.socialPedagogue',
  'students.checks',
  'students.checkReminders',
  'subs.candidates',
  // A dry run of a substitution or a move: it saves nothing.
  'subs.check',
  'settings.list',
  'results.report',
  'results.compare',
  'results.pdf',
  'problems.list',
  // A workbook of the problem lists, returned to the caller: nothing is saved.
  'problems.export',
  'forecast.report',
  // Internal monitoring, attendance and the curriculum's fulfilment (issue 12, parts 6 and 8): reports and their XLSX.
  'vshk.list',
  'vshk.report',
  'vshk.export',
  'attendance.report',
  'attendance.export',
  'programme.report',
  'programme.export',
  'controlWeekly.report',
  'controlWeekly.file',
  'controlWeekly.status',
  'import.template',
  // The import's preview reads the file and the database; it saves nothing.
  'import.preview',
  'lookup.search',
  'print.journalOptions',
  'archive.register',
  'archive.board',
  'archive.expired',
  'archive.acts',
  'archive.checks',
  'remarks.list',
  // A trial run rolled back: nothing is saved.
  'import.journal.preview',
];

/** Channels that write, but nothing of a year (each says why). */
const NOT_YEAR_DATA: Record<string, string> = {
  'auth.setupAdmin': 'accounts',
  'auth.login': 'sessions',
  'auth.activate': 'accounts',
  'auth.logout': 'sessions',
  'auth.changePassword': 'accounts',
  'users.create': 'accounts',
  'users.setRoles': 'accounts',
  'users.resetPassword': 'accounts',
  'users.setDisabled': 'accounts',
  'users.markCompromised': 'accounts',
  'users.voidCompromised':
    'puts journal rows back: in a closed year the triggers refuse it like any write (not run here: it needs a leaked account)',
  'app.createDemo': 'only into an empty database',
  'school.save': 'the school card',
  'subjects.save': 'the catalogue',
  'rooms.save': 'the catalogue',
  'staff.save': 'staff cards',
  'students.update': "the student's personal card, kept across years",
  'notices.record': "parents' notices about a student",
  'qualifications.set': 'staff qualifications',
  'control.setLimits': 'school settings',
  'print.file': 'a file; nothing of the year changes',
  'print.schoolStart': 'files; nothing of the year changes',
  'print.schoolCancel': 'a print job',
  'backup.keygen': 'backups',
  'backup.setRecipient': 'backups',
  'backup.confirmKey': 'backups',
  'backup.setSchedule': 'backups',
  'backup.addFolder': 'backups',
  'backup.addDrive': 'backups',
  'backup.setDestinationEnabled': 'backups',
  'backup.removeDestination': 'backups',
  'backup.create': 'backups',
  'backup.drill': 'backups',
  'backup.restore': 'replaces the whole file',
  'parents.extractFile': "the parents' paper register (paper handed over), not the journal",
  'parents.weeklyFile': "the parents' paper register",
  'parents.noticesFile': "the parents' paper register",
  'parents.handOver': "the parents' paper register",
  'yearClose.close': "the year's own flag",
  'notices.setSocialPedagogue': 'school settings',
  'settings.save': 'school settings',
  'students.markChecked': "the homeroom teacher's check of students' cards, a duty that goes on across years",
  'lookup.extractFile': 'a file of closed years (audited); nothing of a year changes',
  'archive.certify': 'the archive register: paper of a year is laced and sealed after the year closed',
  'archive.place': 'the archive register',
  'archive.actDraw': 'the archive register',
  'archive.actFile': 'a file',
  'archive.actSign': 'the archive register',
  'yearClose.reopen': "the year's own flag",
  'export.year': 'a file and its audit row; nothing of the year changes',
  'export.list': 'a file and its audit row; nothing of the year changes',
};

test('every channel of main/contract is a read, a year-scoped write in the table above, or a write of no year', () => {
  const written = new Set(CASES.map((c) => c.channel));
  for (const ch of Object.keys(schemas) as Channel[]) {
    const kinds = [READS.includes(ch), written.has(ch), ch in NOT_YEAR_DATA].filter(Boolean).length;
    assert.equal(kinds, 1, `${ch}: ${kinds ? 'listed twice' : 'not classified — add it to CASES, READS or NOT_YEAR_DATA'}`);
  }
});
