import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { DEMO_PASSWORD } from '../../main/demo';
import { HostClient } from '../helpers/api';
import { startHost, type RunningHost } from '../helpers/browser';
import { localDate } from '../../main/contract/rules/entry-deadline';
import { DEMO_TIME_ZONE } from '../../main/demo/calendar';

// Who may read and write which journal, through the real host process on the demo school: main is the guard, not the
// UI, and every refusal (FORBIDDEN, LOCKED) is written to the audit log with the outcome 'denied'.

let host: RunningHost;
// today on the demo school's clock (Omsk), whatever the hour of the run
const today = localDate(new Date().toISOString(), DEMO_TIME_ZONE);

interface LessonCell {
  lessonId: number;
  classId: number;
  subjectId: number;
  periodId: number;
  date: string;
  studentId: number;
}

let subjectTeacher: { login: string; staffId: number };
let ownLesson: LessonCell;
let foreignLesson: LessonCell;
let homeroom: { login: string; staffId: number; classId: number };
let notTaughtInOwnClass: LessonCell;
let taughtByHomeroom: LessonCell | undefined;

// A held whole-class lesson of a five-point subject before today, with a student enrolled in the class on its date.
const LESSON = `
  select l.id as lessonId, l.class_id as classId, l.subject_id as subjectId, l.period_id as periodId, l.date, e.student_id as studentId
  from lesson l
  join subject s on s.id = l.subject_id and s.grading = 'five'
  join enrollment e on e.class_id = l.class_id and e.start_date <= l.date and (e.end_date is null or e.end_date >= l.date)
  where l.status = 'held' and l.group_id is null and l.substitute_staff_id is null and l.date < @today and l.period_id is not null`;
const TEACHES = (staff: string) => `
  (exists (select 1 from teaching_load t where t.class_id = l.class_id and t.subject_id = l.subject_id and t.staff_id = ${staff})
   or exists (select 1 from lesson x where x.class_id = l.class_id and x.subject_id = l.subject_id and (x.staff_id = ${staff} or x.substitute_staff_id = ${staff})))`;

before(async () => {
  host = await startHost({ demo: true });
  const db = new Database(host.dbFile, { readonly: true });
  try {
    subjectTeacher = db
      .prepare(
        `select u.login, u.staff_id as staffId from app_user u
         where u.login like 'teacher%' and u.staff_id is not null
           and not exists (select 1 from user_role r where r.user_id = u.id and r.role != 'teacher')
           and not exists (select 1 from class c where c.homeroom_staff_id = u.staff_id)
           and exists (select 1 from teaching_load t join subject s on s.id = t.subject_id and s.grading = 'five' where t.staff_id = u.staff_id and t.group_id is null)
         order by u.login limit 1`,
      )
      .get() as typeof subjectTeacher;
    assert.ok(subjectTeacher, 'the demo school has a subject teacher who is not a homeroom teacher');
    ownLesson = db
      .prepare(`${LESSON} and l.staff_id = @staff order by l.date desc, l.id limit 1`)
      .get({ today, staff: subjectTeacher.staffId }) as LessonCell;
    assert.ok(ownLesson, `a past lesson of ${subjectTeacher.login}`);
    foreignLesson = db
      .prepare(`${LESSON} and not ${TEACHES('@staff')} order by l.date desc, l.id limit 1`)
      .get({ today, staff: subjectTeacher.staffId }) as LessonCell;
    assert.ok(foreignLesson, `a past lesson in a class ${subjectTeacher.login} does not teach`);

    homeroom = db
      .prepare(
        `select u.login, u.staff_id as staffId, c.id as classId from app_user u
         join user_role r on r.user_id = u.id and r.role = 'homeroom'
         join class c on c.homeroom_staff_id = u.staff_id
         where c.grade >= 5 order by c.grade, c.letter limit 1`,
      )
      .get() as typeof homeroom;
    assert.ok(homeroom, 'a homeroom teacher of a class from grade 5 up');
    notTaughtInOwnClass = db
      .prepare(`${LESSON} and l.class_id = @cls and not ${TEACHES('@staff')} order by l.date desc, l.id limit 1`)
      .get({ today, cls: homeroom.classId, staff: homeroom.staffId }) as LessonCell;
    assert.ok(notTaughtInOwnClass, 'a subject of the homeroom class that its homeroom teacher does not teach');
    taughtByHomeroom = db
      .prepare(`${LESSON} and l.staff_id = @staff order by l.class_id = @cls desc, l.date desc, l.id limit 1`)
      .get({ today, cls: homeroom.classId, staff: homeroom.staffId }) as LessonCell | undefined;
  } finally {
    db.close();
  }
});

after(() => host?.stop());

async function as(login: string): Promise<HostClient> {
  return (await new HostClient(host.url).open()).login(login, DEMO_PASSWORD);
}

function refusals(login: string): { channel: string; code: string; message: string }[] {
  const db = new Database(host.dbFile, { readonly: true });
  try {
    const rows = db.prepare(`select actor, after from audit_log where outcome = 'denied' order by id`).all() as {
      actor: string;
      after: string;
    }[];
    return rows.filter((r) => r.actor.includes(login)).map((r) => JSON.parse(r.after));
  } finally {
    db.close();
  }
}

function cellText(grid: { cells: Record<string, { text: string }> }, c: LessonCell): string {
  return grid.cells[`${c.studentId}:${c.lessonId}`]?.text ?? '';
}

/** The deputy lifts the lock on the lesson's period, if there is one, so that only the rights decide. */
async function unlockPeriod(c: LessonCell): Promise<void> {
  const deputy = await as('zavuch');
  const grid = await deputy.call('journal.grid', { classId: c.classId, subjectId: c.subjectId, groupId: null, periodId: c.periodId });
  if (grid.lock) await deputy.call('journal.unlock', { lockId: grid.lock.id, reason: 'Проверка прав доступа к журналу' });
}

const another = (text: string) => (text === '4' ? '5' : '4');

test("a subject teacher writes their own journal but is refused another teacher's class, and the refusal is logged", async () => {
  await unlockPeriod(ownLesson);
  await unlockPeriod(foreignLesson);
  const t = await as(subjectTeacher.login);

  const own = await t.call('journal.grid', {
    classId: ownLesson.classId,
    subjectId: ownLesson.subjectId,
    groupId: null,
    periodId: ownLesson.periodId,
  });
  assert.equal(own.canEdit, true, own.readOnlyReason ?? undefined);
  const before = cellText(own, ownLesson);
  const saved = await t.call('journal.saveCell', { lessonId: ownLesson.lessonId, studentId: ownLesson.studentId, text: another(before) });
  assert.equal(saved?.text, another(before));
  await t.call('journal.saveCell', { lessonId: ownLesson.lessonId, studentId: ownLesson.studentId, text: before });

  // Neither the grid nor a cell of a class and subject they do not teach.
  const grid = await t.raw('journal.grid', {
    classId: foreignLesson.classId,
    subjectId: foreignLesson.subjectId,
    groupId: null,
    periodId: foreignLesson.periodId,
  });
  assert.equal(!grid.ok && grid.error.code, 'FORBIDDEN');
  const deputy = await as('zavuch');
  const foreignBefore = cellText(
    await deputy.call('journal.grid', {
      classId: foreignLesson.classId,
      subjectId: foreignLesson.subjectId,
      groupId: null,
      periodId: foreignLesson.periodId,
    }),
    foreignLesson,
  );
  const r = await t.raw('journal.saveCell', {
    lessonId: foreignLesson.lessonId,
    studentId: foreignLesson.studentId,
    text: another(foreignBefore),
  });
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.error.code, 'FORBIDDEN');
  assert.match(!r.ok ? r.error.message : '', /может только учитель, ведущий предмет в классе, или заместитель директора/);
  const after = await deputy.call('journal.grid', {
    classId: foreignLesson.classId,
    subjectId: foreignLesson.subjectId,
    groupId: null,
    periodId: foreignLesson.periodId,
  });
  assert.equal(cellText(after, foreignLesson), foreignBefore, 'nothing was written');

  const logged = refusals(subjectTeacher.login);
  assert.ok(
    logged.some((x) => x.channel === 'journal.saveCell' && x.code === 'FORBIDDEN'),
    JSON.stringify(logged),
  );
  assert.ok(
    logged.some((x) => x.channel === 'journal.grid' && x.code === 'FORBIDDEN'),
    JSON.stringify(logged),
  );
});

test("a period locked by the teacher's own period marks refuses their cells with LOCKED, logged", async () => {
  const t = await as(subjectTeacher.login);
  const key = { classId: ownLesson.classId, subjectId: ownLesson.subjectId, groupId: null };
  const grid = await t.call('journal.grid', { ...key, periodId: ownLesson.periodId });
  assert.equal(grid.lock, null, 'unlocked by the deputy in the previous test');
  const kind = grid.period.kind as string;
  assert.match(kind, /^p[1-6]$/);
  const before = cellText(grid, ownLesson);

  const set = await t.call('journal.setFinals', { ...key, kind, marks: [], lock: true });
  assert.ok(set.lockId, 'setting the period marks locks the period');

  const r = await t.raw('journal.saveCell', { lessonId: ownLesson.lessonId, studentId: ownLesson.studentId, text: another(before) });
  assert.equal(!r.ok && r.error.code, 'LOCKED');
  assert.match(
    !r.ok ? r.error.message : '',
    new RegExp(`Период «${grid.period.name}» закрыт: итоговые отметки выставлены .*Исправления вносит заместитель директора`),
  );
  // A pasted block into the same period is refused too.
  const block = await t.raw('journal.saveCells', {
    ...key,
    cells: [{ lessonId: ownLesson.lessonId, studentId: ownLesson.studentId, text: another(before) }],
  });
  assert.equal(!block.ok && block.error.code, 'LOCKED');

  const locked = await t.call('journal.grid', { ...key, periodId: ownLesson.periodId });
  assert.equal(locked.lock?.id, set.lockId);
  assert.equal(locked.canEdit, false);
  assert.equal(cellText(locked, ownLesson), before, 'the cell is unchanged');

  const logged = refusals(subjectTeacher.login).filter((x) => x.code === 'LOCKED');
  assert.ok(
    logged.some((x) => x.channel === 'journal.saveCell'),
    JSON.stringify(logged),
  );
  assert.ok(
    logged.some((x) => x.channel === 'journal.saveCells'),
    JSON.stringify(logged),
  );
});

test("a subject teacher does not see a student's passport fields, and asking for them is refused and logged", async () => {
  const t = await as(subjectTeacher.login);
  const s = await t.call('students.get', { id: ownLesson.studentId });
  assert.ok(s.lastName, 'the name is visible');
  assert.equal(s.personal, null);
  assert.equal(JSON.stringify(s).includes('passport'), false, JSON.stringify(s));
  const r = await t.raw('students.get', { id: ownLesson.studentId, withPersonal: true });
  assert.equal(!r.ok && r.error.code, 'FORBIDDEN');
  assert.ok(refusals(subjectTeacher.login).some((x) => x.channel === 'students.get' && x.code === 'FORBIDDEN'));
});

test('a homeroom teacher reads every subject of their class but writes only what they teach; refusals are logged', async () => {
  const h = await as(homeroom.login);
  const view = await h.call('journal.homeroom', { classId: homeroom.classId });
  assert.equal(view.classId, homeroom.classId);
  const db = new Database(host.dbFile, { readonly: true });
  const loadSubjects = (
    db.prepare('select distinct subject_id as id from teaching_load where class_id = ?').all(homeroom.classId) as { id: number }[]
  ).map((x) => x.id);
  const otherClass = (
    db
      .prepare('select id from class where id != ? and homeroom_staff_id is not ? order by id limit 1')
      .get(homeroom.classId, homeroom.staffId) as { id: number }
  ).id;
  db.close();
  const shown = new Set((view.subjects as { id: number }[]).map((s) => s.id));
  for (const id of loadSubjects) assert.ok(shown.has(id), `subject ${id} of the class's load is in the homeroom view`);
  assert.ok(shown.has(notTaughtInOwnClass.subjectId));
  assert.ok(view.students.length > 0);

  // The grid of a subject of their class that they do not teach: readable, not editable.
  const key = { classId: homeroom.classId, subjectId: notTaughtInOwnClass.subjectId, groupId: null };
  const grid = await h.call('journal.grid', { ...key, periodId: notTaughtInOwnClass.periodId });
  assert.equal(grid.canEdit, false);
  assert.ok(grid.lessons.some((l: { id: number }) => l.id === notTaughtInOwnClass.lessonId));
  const before = cellText(grid, notTaughtInOwnClass);
  await unlockPeriod(notTaughtInOwnClass);
  const r = await h.raw('journal.saveCell', {
    lessonId: notTaughtInOwnClass.lessonId,
    studentId: notTaughtInOwnClass.studentId,
    text: another(before),
  });
  assert.equal(!r.ok && r.error.code, 'FORBIDDEN');
  const deputy = await as('zavuch');
  assert.equal(
    cellText(await deputy.call('journal.grid', { ...key, periodId: notTaughtInOwnClass.periodId }), notTaughtInOwnClass),
    before,
  );

  // Another class's summary is refused.
  const other = await h.raw('journal.homeroom', { classId: otherClass });
  assert.equal(!other.ok && other.error.code, 'FORBIDDEN');

  const logged = refusals(homeroom.login);
  assert.ok(
    logged.some((x) => x.channel === 'journal.saveCell' && x.code === 'FORBIDDEN'),
    JSON.stringify(logged),
  );
  assert.ok(
    logged.some((x) => x.channel === 'journal.homeroom' && x.code === 'FORBIDDEN'),
    JSON.stringify(logged),
  );

  // A subject they do teach: written.
  if (taughtByHomeroom) {
    await unlockPeriod(taughtByHomeroom);
    const g = await h.call('journal.grid', {
      classId: taughtByHomeroom.classId,
      subjectId: taughtByHomeroom.subjectId,
      groupId: null,
      periodId: taughtByHomeroom.periodId,
    });
    const was = cellText(g, taughtByHomeroom);
    const ok = await h.call('journal.saveCell', {
      lessonId: taughtByHomeroom.lessonId,
      studentId: taughtByHomeroom.studentId,
      text: another(was),
    });
    assert.equal(ok?.text, another(was));
    await h.call('journal.saveCell', { lessonId: taughtByHomeroom.lessonId, studentId: taughtByHomeroom.studentId, text: was });
  }
});
