import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { DEMO_PASSWORD } from '../../main/demo';
import { HostClient } from '../helpers/api';
import { startHost, type RunningHost } from '../helpers/browser';

// Issue 11 part 11, through the real host: the deputy moves a student from English subgroup 1 to subgroup 2 on the
// first day of the third quarter. Subgroup 1's journal keeps him, with his marks, for the days he was there; subgroup
// 2's has him from the move on; the year's final marks of both list him. Before, the move erased him from subgroup 1.

const MOVE = '2026-01-12';

let host: RunningHost;
let fixture: {
  classId: number;
  subjectId: number;
  g1: number;
  g2: number;
  g1Name: string;
  g2Name: string;
  student: number;
  g1Lessons: number[];
};

before(async () => {
  host = await startHost({ demo: true });
  const db = new Database(host.dbFile, { readonly: true });
  const groups = db
    .prepare(
      `select g.id, g.class_id, g.subject_id, g.name from study_group g join class c on c.id = g.class_id
        where c.name = '5А' and g.name like 'Иностранный — _ подгруппа' order by g.name`,
    )
    .all() as { id: number; class_id: number; subject_id: number; name: string }[];
  assert.equal(groups.length, 2, 'the demo has two English subgroups in 5А');
  // A member of subgroup 1 (still in the class) with marks in its lessons before the move.
  const student = (
    db
      .prepare(
        `select gm.student_id from group_member gm
          join enrollment e on e.student_id = gm.student_id and e.class_id = ? and e.end_date is null
         where gm.group_id = ? and gm.end_date is null
           and exists (select 1 from mark m join lesson l on l.id = m.lesson_id where l.group_id = gm.group_id and m.student_id = gm.student_id and l.date < ?)
         order by gm.student_id limit 1`,
      )
      .get(groups[0].class_id, groups[0].id, MOVE) as { student_id: number }
  ).student_id;
  const g1Lessons = (
    db
      .prepare(
        'select distinct l.id from mark m join lesson l on l.id = m.lesson_id where l.group_id = ? and m.student_id = ? and l.date < ?',
      )
      .all(groups[0].id, student, MOVE) as { id: number }[]
  ).map((r) => r.id);
  db.close();
  fixture = {
    classId: groups[0].class_id,
    subjectId: groups[0].subject_id,
    g1: groups[0].id,
    g2: groups[1].id,
    g1Name: groups[0].name,
    g2Name: groups[1].name,
    student,
    g1Lessons,
  };
});
after(() => host?.stop());

async function deputy() {
  return (await new HostClient(host.url).open()).login('zavuch', DEMO_PASSWORD);
}

test('moving a student to subgroup 2 on a date keeps subgroup 1 true for the dates before it', async () => {
  const z = await deputy();
  const f = fixture;
  const listed = (await z.call('groups.list', { classId: f.classId, date: MOVE })) as { id: number; studentIds: number[] }[];
  const g1Now = listed.find((g) => g.id === f.g1)!.studentIds;
  const g2Now = listed.find((g) => g.id === f.g2)!.studentIds;
  assert.ok(g1Now.includes(f.student) && !g2Now.includes(f.student));
  // The groups screen's two saves with the date of the move: out of subgroup 1, into subgroup 2.
  const save = (id: number, name: string, studentIds: number[]) =>
    z.call('groups.save', { id, classId: f.classId, subjectId: f.subjectId, name, kind: 'subgroup', studentIds, date: MOVE });
  await save(
    f.g1,
    f.g1Name,
    g1Now.filter((s) => s !== f.student),
  );
  await save(f.g2, f.g2Name, [...g2Now, f.student]);

  const periods = (await z.call('journal.grid', { classId: f.classId, subjectId: f.subjectId, groupId: f.g1, periodId: null })).periods as {
    id: number;
    start: string;
    end: string;
  }[];
  const first = periods[0];
  const third = periods.find((p) => p.start <= MOVE && MOVE <= p.end)!;
  const grid = (groupId: number, periodId: number) =>
    z.call('journal.grid', { classId: f.classId, subjectId: f.subjectId, groupId, periodId });

  // Subgroup 1, first quarter: he is there, with every mark he had.
  const g1First = await grid(f.g1, first.id);
  const me = g1First.students.find((s: { id: number }) => s.id === f.student);
  assert.ok(me, 'the moved student vanished from subgroup 1 before the move');
  assert.equal((me.active.at(-1)?.end_date ?? '') <= '2026-01-11', true);
  const firstLessons = f.g1Lessons.filter((id) => g1First.lessons.some((l: { id: number }) => l.id === id));
  assert.ok(firstLessons.length > 0);
  for (const id of firstLessons) assert.ok(g1First.cells[`${f.student}:${id}`]?.marks.length, `mark in lesson ${id}`);
  // Subgroup 1, third quarter: not any more. Subgroup 2: from the move on, not before.
  assert.ok(!(await grid(f.g1, third.id)).students.some((s: { id: number }) => s.id === f.student));
  const g2Third = await grid(f.g2, third.id);
  assert.deepEqual(g2Third.students.find((s: { id: number }) => s.id === f.student)?.active, [{ start_date: MOVE, end_date: third.end }]);
  assert.ok(!(await grid(f.g2, first.id)).students.some((s: { id: number }) => s.id === f.student));

  // The year's final marks of both subgroups list him; his first-quarter mark is in subgroup 1's.
  const finals1 = await z.call('journal.finals', { classId: f.classId, subjectId: f.subjectId, groupId: f.g1 });
  assert.ok(finals1.students.some((s: { id: number }) => s.id === f.student));
  assert.ok(finals1.marks[f.student]?.p1, 'the first-quarter mark is gone from subgroup 1');
  const finals2 = await z.call('journal.finals', { classId: f.classId, subjectId: f.subjectId, groupId: f.g2 });
  assert.ok(finals2.students.some((s: { id: number }) => s.id === f.student));

  // The groups screen keeps his history.
  const history = (
    (await z.call('groups.list', { classId: f.classId })) as {
      id: number;
      members: { studentId: number; startDate: string; endDate: string | null }[];
    }[]
  )
    .find((g) => g.id === f.g1)!
    .members.filter((m) => m.studentId === f.student);
  assert.deepEqual(
    history.map((m) => m.endDate),
    ['2026-01-11'],
  );
});

test('a cell of subgroup 2 before the move stays closed for him, one after it is open', async () => {
  const z = await deputy();
  const f = fixture;
  const db = new Database(host.dbFile, { readonly: true });
  const lesson = (before: boolean) =>
    db
      .prepare(
        `select id, date from lesson where group_id = ? and date ${before ? '<' : '>='} ? and status = 'held' order by date ${before ? 'desc' : ''} limit 1`,
      )
      .get(f.g2, MOVE) as { id: number; date: string };
  const early = lesson(true);
  const late = lesson(false);
  db.close();
  // The demo's periods are locked by their period marks: the deputy reopens both with a reason first.
  for (const l of [early, late]) {
    const g = await z.call('journal.grid', { classId: f.classId, subjectId: f.subjectId, groupId: f.g2, periodId: null });
    const p = g.periods.find((x: { start: string; end: string }) => x.start <= l.date && l.date <= x.end);
    assert.ok(p);
    const grid = await z.call('journal.grid', { classId: f.classId, subjectId: f.subjectId, groupId: f.g2, periodId: p.id });
    if (grid.lock) await z.call('journal.unlock', { lockId: grid.lock.id, reason: 'проверка перевода между подгруппами' });
  }
  const r = await z.raw('journal.saveCell', { lessonId: early.id, studentId: f.student, text: '5' });
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.error.message : '', /не входит в эту группу/);
  const ok = await z.raw('journal.saveCell', { lessonId: late.id, studentId: f.student, text: '5' });
  assert.ok(ok.ok, JSON.stringify(ok));
});
