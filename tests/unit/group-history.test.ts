import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Migrator } from 'kysely';
import { openDatabase } from '../../db';
import { openRaw, wrap } from '../../db/connection';
import { migrations } from '../../db/migrations';
import { intersectRanges, rosterOf } from '../../main/journal/roster';
import * as classes from '../../main/school/classes';
import * as groups from '../../main/school/groups';
import * as movement from '../../main/school/movement';
import { tempDb } from '../helpers/db';
import { smallSchool } from '../helpers/timetable';

// Issue 11 part 11: group membership has dates like class enrolment, and each group's roster follows them.

const YEAR = { start_date: '2025-09-01', end_date: '2026-05-31' };

test('intersectRanges keeps the days inside both lists', () => {
  assert.deepEqual(
    intersectRanges([{ start_date: '2025-09-01', end_date: '2026-05-31' }], [{ start_date: '2025-11-10', end_date: '2026-08-31' }]),
    [{ start_date: '2025-11-10', end_date: '2026-05-31' }],
  );
  assert.deepEqual(
    intersectRanges(
      [
        { start_date: '2025-09-01', end_date: '2025-10-31' },
        { start_date: '2026-01-12', end_date: '2026-05-31' },
      ],
      [
        { start_date: '2025-10-01', end_date: '2026-02-01' },
        { start_date: '2026-03-01', end_date: '2026-03-02' },
      ],
    ),
    [
      { start_date: '2025-10-01', end_date: '2025-10-31' },
      { start_date: '2026-01-12', end_date: '2026-02-01' },
      { start_date: '2026-03-01', end_date: '2026-03-02' },
    ],
  );
  assert.deepEqual(
    intersectRanges([{ start_date: '2025-09-01', end_date: '2025-09-30' }], [{ start_date: '2025-10-01', end_date: '2025-10-31' }]),
    [],
  );
});

test('moving a student between subgroups on a date keeps him in the first group up to it and in the second from it', async () => {
  const t = await tempDb();
  try {
    const s = await smallSchool(t.ctx);
    const [a, b, c, d] = s.kids; // g1: a, b; g2: c, d
    const base = { classId: s.classes.c5, subjectId: s.subjects.english, kind: 'subgroup' as const };
    // b joins subgroup 2 on 10 November: he leaves subgroup 1 that day by himself.
    await groups.saveGroup(t.ctx, { ...base, id: s.groups.g2, name: 'Англ. — 2 подгруппа', studentIds: [b, c, d], date: '2025-11-10' });

    const g1 = await rosterOf(t.db, s.classes.c5, s.groups.g1, YEAR);
    const g2 = await rosterOf(t.db, s.classes.c5, s.groups.g2, YEAR);
    assert.deepEqual(
      g1.map((x) => [x.id, x.active]),
      [
        [a, [YEAR]],
        [b, [{ start_date: YEAR.start_date, end_date: '2025-11-09' }]],
      ],
    );
    assert.deepEqual(g2.find((x) => x.id === b)?.active, [{ start_date: '2025-11-10', end_date: YEAR.end_date }]);
    // A period before the move: b is only in subgroup 1; after it, only in subgroup 2.
    const autumn = { start_date: '2025-09-01', end_date: '2025-10-24' };
    assert.deepEqual(
      (await rosterOf(t.db, s.classes.c5, s.groups.g1, autumn)).map((x) => x.id),
      [a, b],
    );
    assert.deepEqual(
      (await rosterOf(t.db, s.classes.c5, s.groups.g2, autumn)).map((x) => x.id),
      [c, d],
    );
    const spring = { start_date: '2026-01-12', end_date: '2026-03-20' };
    assert.deepEqual(
      (await rosterOf(t.db, s.classes.c5, s.groups.g1, spring)).map((x) => x.id),
      [a],
    );
    // The whole class's journal is not affected.
    assert.equal((await rosterOf(t.db, s.classes.c5, null, spring)).length, 4);

    // The groups screen: members on a date, and the history.
    const before = await groups.listGroups(t.ctx, s.classes.c5, '2025-11-09');
    const afterMove = await groups.listGroups(t.ctx, s.classes.c5, '2025-11-10');
    assert.deepEqual(before.find((g) => g.id === s.groups.g1)?.studentIds, [a, b]);
    assert.deepEqual(afterMove.find((g) => g.id === s.groups.g1)?.studentIds, [a]);
    assert.deepEqual(
      afterMove.find((g) => g.id === s.groups.g1)?.members.find((m) => m.studentId === b),
      {
        studentId: b,
        startDate: '2025-09-01',
        endDate: '2025-11-09',
      },
    );

    // Back to subgroup 1 in spring: a second membership, the first one untouched.
    await groups.saveGroup(t.ctx, { ...base, id: s.groups.g1, name: 'Англ. — 1 подгруппа', studentIds: [a, b], date: '2026-03-30' });
    assert.deepEqual((await rosterOf(t.db, s.classes.c5, s.groups.g1, YEAR)).find((x) => x.id === b)?.active, [
      { start_date: YEAR.start_date, end_date: '2025-11-09' },
      { start_date: '2026-03-30', end_date: YEAR.end_date },
    ]);
    assert.deepEqual((await rosterOf(t.db, s.classes.c5, s.groups.g2, YEAR)).find((x) => x.id === b)?.active, [
      { start_date: '2025-11-10', end_date: '2026-03-29' },
    ]);
    // A date outside the year is refused.
    await assert.rejects(
      groups.saveGroup(t.ctx, { ...base, id: s.groups.g1, name: 'Англ. — 1 подгруппа', studentIds: [a], date: '2027-01-10' }),
      /вне учебного года/,
    );
  } finally {
    await t.cleanup();
  }
});

test('a class transfer ends the old groups and joins the chosen groups of the new class on the date', async () => {
  const t = await tempDb();
  try {
    const s = await smallSchool(t.ctx);
    const [a] = s.kids;
    const c5b = await classes.saveClass(t.ctx, {
      id: null,
      yearId: s.yearId,
      grade: 5,
      letter: 'Б',
      homeroom_staff_id: null,
      bell_schedule_id: s.first,
      week_days: 5,
      shift: 1,
      room_id: null,
    });
    const base = { classId: c5b, subjectId: s.subjects.english, kind: 'subgroup' as const, date: '2025-09-01' };
    const b1 = await groups.saveGroup(t.ctx, { ...base, id: null, name: 'Англ. — 1 подгруппа', studentIds: [] });
    const b2 = await groups.saveGroup(t.ctx, { ...base, id: null, name: 'Англ. — 2 подгруппа', studentIds: [] });
    const transfer = { studentId: a, toClassId: c5b, date: '2025-12-01', order_number: '5-у', reason: '' };
    // Not a group of the new class, or two subgroups of one subject: refused, nothing changes.
    await assert.rejects(movement.transferStudent(t.ctx, { ...transfer, groupIds: [s.groups.g2] }), /только группы нового класса/);
    await assert.rejects(movement.transferStudent(t.ctx, { ...transfer, groupIds: [b1, b2] }), /одну подгруппу/);
    assert.equal((await rosterOf(t.db, s.classes.c5, s.groups.g1, YEAR)).find((x) => x.id === a)?.active[0].end_date, YEAR.end_date);

    await movement.transferStudent(t.ctx, { ...transfer, groupIds: [b2] });
    assert.deepEqual((await rosterOf(t.db, s.classes.c5, s.groups.g1, YEAR)).find((x) => x.id === a)?.active, [
      { start_date: YEAR.start_date, end_date: '2025-11-30' },
    ]);
    assert.deepEqual(
      (await rosterOf(t.db, c5b, b2, YEAR)).map((x) => [x.id, x.active]),
      [[a, [{ start_date: '2025-12-01', end_date: YEAR.end_date }]]],
    );
    const left = await t.db
      .selectFrom('group_member')
      .selectAll()
      .where('student_id', '=', a)
      .where('group_id', '=', s.groups.g1)
      .executeTakeFirstOrThrow();
    assert.equal(left.end_date, '2025-11-30');
  } finally {
    await t.cleanup();
  }
});

test('migration 0010 dates the existing members from their first day in the class, or the year start', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-0010-'));
  const file = path.join(dir, 'j.sqlite');
  try {
    const names = Object.keys(migrations);
    const raw = openRaw(file);
    const { db, close } = wrap(raw, file);
    const older = Object.fromEntries(names.slice(0, names.indexOf('0010_group_membership_dates')).map((n) => [n, migrations[n]]));
    const r = await new Migrator({
      db,
      provider: { getMigrations: async () => older },
      migrationTableName: 'kysely_migration',
    }).migrateToLatest();
    assert.equal(r.error, undefined);
    raw.pragma(`user_version = ${Object.keys(older).length}`);
    raw.exec(`
      insert into academic_year(id, name, start_date, end_date) values (1, '2025/2026', '2025-09-01', '2026-08-31');
      insert into class(id, year_id, grade, letter, name, week_days, shift) values (1, 1, 5, 'А', '5А', 5, 1);
      insert into student(id, last_name, first_name, middle_name, birth_date, gender) values (1, 'Антонов', 'Иван', '', '2014-01-10', 'м'), (2, 'Борисов', 'Иван', '', '2014-02-10', 'м');
      insert into enrollment(student_id, class_id, start_date, end_date) values (1, 1, '2025-09-01', null), (2, 1, '2025-10-13', null);
      insert into study_group(id, class_id, subject_id, name, kind) values (1, 1, null, 'Англ. — 1 подгруппа', 'subgroup');
      insert into group_member(group_id, student_id) values (1, 1), (1, 2);`);
    await close();
    const h = await openDatabase(file);
    try {
      assert.deepEqual(h.raw.prepare('select group_id, student_id, start_date, end_date from group_member order by student_id').all(), [
        { group_id: 1, student_id: 1, start_date: '2025-09-01', end_date: null },
        { group_id: 1, student_id: 2, start_date: '2025-10-13', end_date: null },
      ]);
    } finally {
      await h.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
