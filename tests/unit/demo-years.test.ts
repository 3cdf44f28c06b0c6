import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Database from 'better-sqlite3';
import { verifyAuditChain } from '../../main/kernel/audit-verify';
import { systemActor } from '../../main/kernel/context';
import { runDemo } from '../../main/demo';
import { databaseStats } from '../../main/school/stats';
import { tempDb } from '../helpers/db';

// `demo --years N`: closed past years with the same students in earlier grades, graduates and leavers made up.

const one = <T>(raw: Database.Database, q: string, ...args: unknown[]) =>
  raw
    .prepare(q)
    .pluck()
    .get(...args) as T;

test('demo --years 2 adds 2024/2025, closed, with students one grade lower and a full journal', async () => {
  const t = await tempDb();
  try {
    const started = Date.now();
    await runDemo(t.db, t.raw, systemActor('тест'), { seed: 5, students: 150, years: 2, today: '2026-06-30' });
    console.log(`demo with 150 students and 2 years: ${Date.now() - started} ms`);
    const raw = t.raw;
    const years = raw.prepare('select id, name, closed from academic_year order by start_date').all() as {
      id: number;
      name: string;
      closed: number;
    }[];
    assert.deepEqual(
      years.map((y) => [y.name, y.closed]),
      [
        ['2024/2025', 1],
        ['2025/2026', 0],
      ],
    );
    const past = years[0].id;
    assert.equal(
      one<number>(raw, 'select count(*) from class where year_id = ?', past),
      one<number>(raw, 'select count(*) from class where year_id = ?', years[1].id),
    );
    assert.ok(
      one<number>(raw, "select count(*) from lesson l join class c on c.id = l.class_id where c.year_id = ? and l.status = 'held'", past) >
        30_000,
    );

    // A student now in 5А was in 4А last year, and moved up on 1 September.
    const s5 = one<number>(
      raw,
      "select e.student_id from enrollment e join class c on c.id = e.class_id where c.name = '5А' and c.year_id = ? and e.end_date is null order by e.student_id limit 1",
      years[1].id,
    );
    const history = raw
      .prepare(
        'select m.kind, m.date, f.name src, t.name dst from movement m left join class f on f.id = m.from_class_id left join class t on t.id = m.to_class_id where m.student_id = ? order by m.date, m.id',
      )
      .all(s5);
    assert.deepEqual(history, [
      { kind: 'arrival', date: '2024-09-01', src: null, dst: '4А' },
      { kind: 'transfer', date: '2025-09-01', src: '4А', dst: '5А' },
    ]);
    // Enrollment intervals never overlap; every student's history starts with an arrival.
    assert.equal(
      one<number>(
        raw,
        "select count(*) from enrollment a join enrollment b on a.student_id = b.student_id and a.id < b.id and a.start_date <= coalesce(b.end_date, '9999') and b.start_date <= coalesce(a.end_date, '9999')",
      ),
      0,
    );
    assert.equal(
      one<number>(
        raw,
        "select count(*) from student s where (select kind from movement m where m.student_id = s.id order by date, id limit 1) <> 'arrival'",
      ),
      0,
    );
    // Last year's 11th graders graduated: made-up students with a withdrawal and no class now.
    const graduates = one<number>(
      raw,
      "select count(*) from movement m join class c on c.id = m.from_class_id where m.kind = 'withdrawal' and c.year_id = ? and c.grade = 11",
      past,
    );
    assert.ok(graduates > 0);
    assert.equal(
      one<number>(
        raw,
        "select count(*) from student s where not exists (select 1 from movement m where m.student_id = s.id and m.kind = 'withdrawal') and not exists (select 1 from enrollment e where e.student_id = s.id and e.end_date is null)",
      ),
      0,
    );

    // The journal of the past year: marks only while enrolled, period, year and final marks, locks.
    assert.equal(
      one<number>(
        raw,
        `select count(*) from mark m join lesson l on l.id = m.lesson_id
         where not exists (select 1 from enrollment e where e.student_id = m.student_id and e.class_id = l.class_id and l.date between e.start_date and coalesce(e.end_date, '9999-12-31'))`,
      ),
      0,
    );
    assert.ok(
      one<number>(
        raw,
        'select count(*) from mark m join lesson l on l.id = m.lesson_id join class c on c.id = l.class_id where c.year_id = ?',
        past,
      ) > 5000,
    );
    for (const kind of ['p1', 'p4', 'year'])
      assert.ok(one<number>(raw, 'select count(*) from final_mark where year_id = ? and kind = ?', past, kind) > 100, kind);
    assert.ok(
      one<number>(
        raw,
        "select count(*) from final_mark f join class c on c.id = f.class_id where f.year_id = ? and c.grade = 9 and f.kind = 'exam'",
        past,
      ) > 0,
    );
    assert.ok(one<number>(raw, 'select count(*) from journal_lock l join class c on c.id = l.class_id where c.year_id = ?', past) > 1000);
    const s = await databaseStats(t.db);
    assert.ok(s.students < 200, 'graduates and leavers are not counted as current students');
    assert.ok(verifyAuditChain(raw).ok);
  } finally {
    await t.cleanup();
  }
});
