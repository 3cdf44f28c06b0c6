import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import type Database from 'better-sqlite3';
import { verifyAuditChain } from '../../main/kernel/audit-verify';
import { systemActor } from '../../main/kernel/context';
import { runDemo } from '../../main/demo';
import { databaseStats } from '../../main/school/stats';
import { tempDb } from '../helpers/db';

// The demo year's journal: topics, homework, marks, absences and final marks that look like a real school's.

function one<T>(raw: Database.Database, q: string, ...args: unknown[]): T {
  return raw
    .prepare(q)
    .pluck()
    .get(...args) as T;
}

/** A digest of the journal's tables: equal for two runs with the same seed. */
function digest(raw: Database.Database): string {
  const h = createHash('sha256');
  for (const q of [
    'select lesson_id, student_id, position, value, work_type_id, entered_at, entered_by from mark order by id',
    'select lesson_id, student_id, absence, comment, entered_at from journal_cell order by lesson_id, student_id',
    'select class_id, subject_id, student_id, kind, value from final_mark order by id',
    'select id, topic, homework, topic_at, homework_at from lesson order by id',
  ])
    for (const r of raw.prepare(q).raw().iterate()) h.update(JSON.stringify(r));
  return h.digest('hex');
}

test('the demo journal: marks, absences, period marks and locks of a whole year, the same for a seed', async () => {
  const a = await tempDb();
  const b = await tempDb();
  try {
    const started = Date.now();
    await runDemo(a.db, a.raw, systemActor('тест'), { seed: 11, students: 150, today: '2026-06-30' });
    console.log(`demo with 150 students: ${Date.now() - started} ms`);
    const raw = a.raw;
    const s = await databaseStats(a.db);
    assert.ok(s.marks > 10_000, `marks ${s.marks}`);
    assert.ok(s.finalMarks > 1000, `final marks ${s.finalMarks}`);

    // Student-lessons: held lessons × students enrolled in the class that day (and in the group).
    const studentLessons = one<number>(
      raw,
      `select count(*) from lesson l join enrollment e on e.class_id = l.class_id and l.date between e.start_date and coalesce(e.end_date, '9999-12-31')
       where l.status = 'held' and (l.group_id is null or exists (select 1 from group_member gm where gm.group_id = l.group_id and gm.student_id = e.student_id and l.date between gm.start_date and coalesce(gm.end_date, '9999-12-31')))`,
    );
    const share = s.absences / studentLessons;
    assert.ok(share >= 0.04 && share <= 0.09, `absences ${(share * 100).toFixed(1)} %`);
    // Mostly illness, clustered in whole days: a student absent from one lesson of a day is usually absent from all.
    const ill = one<number>(raw, "select count(*) from journal_cell where absence = 'б'");
    assert.ok(ill > s.absences * 0.5, 'most absences are illness');
    const partialDays = one<number>(
      raw,
      `select count(*) from (select c.student_id, l.date from journal_cell c join lesson l on l.id = c.lesson_id where c.absence = 'б' group by c.student_id, l.date) d
       where exists (select 1 from lesson l2 join enrollment e on e.class_id = l2.class_id and e.student_id = d.student_id and l2.date between e.start_date and coalesce(e.end_date, '9999-12-31')
                     where l2.date = d.date and l2.status = 'held' and l2.group_id is null
                       and not exists (select 1 from journal_cell c2 where c2.lesson_id = l2.id and c2.student_id = d.student_id and c2.absence is not null))`,
    );
    assert.equal(partialDays, 0, 'an illness covers whole days');
    // A few cells with a mark and an absence (a missed work written later), with a comment.
    const credited = one<number>(
      raw,
      "select count(*) from journal_cell c join mark m on m.lesson_id = c.lesson_id and m.student_id = c.student_id where c.absence is not null and c.comment <> ''",
    );
    assert.ok(credited > 0, 'some absent students wrote the work later');

    // Marks only while the student was in the class, and in the group for group lessons.
    const outside = one<number>(
      raw,
      `select count(*) from mark m join lesson l on l.id = m.lesson_id
       where not exists (select 1 from enrollment e where e.student_id = m.student_id and e.class_id = l.class_id and l.date between e.start_date and coalesce(e.end_date, '9999-12-31'))
          or (l.group_id is not null and not exists (select 1 from group_member gm where gm.group_id = l.group_id and gm.student_id = m.student_id and l.date between gm.start_date and coalesce(gm.end_date, '9999-12-31')))`,
    );
    assert.equal(outside, 0);
    const outsideCells = one<number>(
      raw,
      `select count(*) from journal_cell m join lesson l on l.id = m.lesson_id
       where not exists (select 1 from enrollment e where e.student_id = m.student_id and e.class_id = l.class_id and l.date between e.start_date and coalesce(e.end_date, '9999-12-31'))`,
    );
    assert.equal(outsideCells, 0);
    // Moved students have marks in both classes.
    const moved = one<number>(
      raw,
      "select count(distinct m.student_id) from mark m join movement mv on mv.student_id = m.student_id and mv.kind = 'transfer'",
    );
    assert.ok(moved > 0);
    // A transfer joins the new class's subgroups: no «н/а» for a moved student in a split subject of the new class.
    const unassessed = one<number>(
      raw,
      `select count(*) from final_mark f
        where f.value = 'н/а' and f.kind like 'p%'
          and exists (select 1 from movement mv where mv.student_id = f.student_id and mv.kind = 'transfer' and mv.to_class_id = f.class_id and mv.from_class_id is not null)
          and exists (select 1 from study_group g where g.class_id = f.class_id and g.subject_id = f.subject_id and g.kind = 'subgroup')`,
    );
    assert.equal(unassessed, 0, 'transferred students without their subgroup');

    // Grade 1 learns without marks.
    assert.equal(
      one<number>(
        raw,
        'select count(*) from mark m join lesson l on l.id = m.lesson_id join class c on c.id = l.class_id where c.grade = 1',
      ),
      0,
    );
    assert.equal(
      one<number>(raw, "select count(*) from final_mark f join class c on c.id = f.class_id where c.grade = 1 and f.value <> 'безотм'"),
      0,
    );
    // Marks of every kind, mostly 4 and 3; pass/fail subjects get «зач»/«незач» only.
    const values = new Map(
      (raw.prepare('select value, count(*) n from mark group by value').all() as { value: string; n: number }[]).map((r) => [r.value, r.n]),
    );
    assert.ok((values.get('4') ?? 0) > (values.get('2') ?? 0) * 3);
    assert.ok((values.get('5') ?? 0) > 0 && (values.get('2') ?? 0) > 0);
    assert.equal(
      one<number>(
        raw,
        "select count(*) from mark m join lesson l on l.id = m.lesson_id join subject s on s.id = l.subject_id where s.grading = 'pass' and m.value not in ('зач', 'незач')",
      ),
      0,
    );
    assert.ok(one<number>(raw, "select count(*) from mark where value = 'зач'") > 0);
    // About a third of the students get a mark in a lesson; some cells have two marks.
    assert.ok(
      s.marks / studentLessons > 0.25 && s.marks / studentLessons < 0.6,
      `marks per student-lesson ${(s.marks / studentLessons).toFixed(2)}`,
    );
    assert.ok(one<number>(raw, 'select count(*) from mark where position = 2') > 0);
    // Control works: everyone present gets a «Контрольная работа» mark.
    const control = raw
      .prepare(
        `select l.id, (select count(*) from mark m where m.lesson_id = l.id and m.work_type_id = (select id from work_type where name = 'Контрольная работа')) marked,
                (select count(*) from journal_cell c where c.lesson_id = l.id and c.absence is not null) absent
         from lesson l join plan_topic pt on pt.id = l.plan_topic_id join class c on c.id = l.class_id
         where pt.kind = 'control' and l.status = 'held' and c.grade > 1 and l.group_id is null limit 50`,
      )
      .all() as { id: number; marked: number; absent: number }[];
    assert.ok(control.length > 10);
    for (const c of control) assert.ok(c.marked > 0, `control lesson ${c.id} has marks`);

    // Every held lesson has a topic and an entry time; homework mostly, none in grade 1; some entered late.
    assert.equal(
      one<number>(raw, "select count(*) from lesson where status = 'held' and (topic = '' or topic_at is null or entered_at is null)"),
      0,
    );
    assert.equal(
      one<number>(raw, "select count(*) from lesson l join class c on c.id = l.class_id where c.grade = 1 and l.homework <> ''"),
      0,
    );
    assert.ok(one<number>(raw, "select count(*) from lesson where homework like '§ %'") > 100);
    const late = one<number>(raw, "select count(*) from lesson where status = 'held' and substr(topic_at, 1, 10) > date");
    const held = one<number>(raw, "select count(*) from lesson where status = 'held'");
    assert.ok(late > held * 0.02 && late < held * 0.3, `late ${late} of ${held}`);
    assert.equal(one<number>(raw, "select count(*) from mark m join lesson l on l.id = m.lesson_id where m.entered_by = ''"), 0);

    // Period marks for every student enrolled at the end of each period, in every subject of the class; locks.
    const missingPeriodMarks = one<number>(
      raw,
      `select count(*) from enrollment e join class c on c.id = e.class_id join grade_scheme gs on gs.grade = c.grade and gs.year_id = c.year_id
       join study_period sp on sp.scheme_id = gs.scheme_id
       join (select distinct class_id, subject_id from lesson where status = 'held') cs on cs.class_id = c.id
       where e.start_date <= sp.end_date and coalesce(e.end_date, '9999-12-31') >= sp.end_date
         and not exists (select 1 from final_mark f where f.student_id = e.student_id and f.subject_id = cs.subject_id and f.kind = 'p' || sp.number)`,
    );
    assert.equal(missingPeriodMarks, 0);
    // Period marks follow the weighted average of the period's marks: the rounded average, or the other side of the
    // nearest boundary when the teacher follows the latest marks (only within 0,2 of it: teacher-judgement.ts).
    const sample = raw
      .prepare(
        `select f.value, sum(m.value * m.weight) / sum(m.weight) avg from final_mark f
         join class c on c.id = f.class_id join grade_scheme gs on gs.grade = c.grade and gs.year_id = c.year_id join study_period sp on sp.scheme_id = gs.scheme_id and 'p' || sp.number = f.kind
         join lesson l on l.subject_id = f.subject_id and l.period_id = sp.id join mark m on m.lesson_id = l.id and m.student_id = f.student_id
         where f.value in ('2', '3', '4', '5') group by f.id limit 300`,
      )
      .all() as { value: string; avg: number }[];
    assert.ok(sample.length > 100);
    for (const x of sample) assert.ok(Math.abs(Number(x.value) - x.avg) <= 0.7 + 1e-9, `${x.value} for ${x.avg}`);
    const judged = sample.filter((x) => Math.abs(Number(x.value) - x.avg) > 0.5 + 1e-9).length;
    assert.ok(judged < sample.length * 0.1, `${judged} of ${sample.length} period marks away from the rounded average`);
    const journals = one<number>(
      raw,
      "select count(*) from (select distinct class_id, subject_id, group_id from lesson where status = 'held')",
    );
    const locks = one<number>(raw, 'select count(*) from journal_lock where unlocked_at is null');
    assert.ok(locks >= journals * 3, `locks ${locks} for ${journals} journals`);
    assert.ok(one<number>(raw, "select count(*) from final_mark where kind = 'year'") > 100);
    assert.ok(
      one<number>(raw, "select count(*) from final_mark f join class c on c.id = f.class_id where c.grade in (9, 11) and f.kind = 'exam'") >
        0,
    );
    assert.equal(
      one<number>(
        raw,
        "select count(*) from final_mark f join class c on c.id = f.class_id where c.grade not in (9, 11) and f.kind in ('exam', 'final')",
      ),
      0,
    );

    // Every cell and period mark of the year has its audit row under the teacher's account, and the chain holds.
    assert.equal(one<number>(raw, "select count(*) from audit_log where action = 'demo.journal'"), 1);
    const cells = one<number>(
      raw,
      'select count(*) from (select lesson_id, student_id from mark union select lesson_id, student_id from journal_cell)',
    );
    assert.equal(one<number>(raw, "select count(*) from audit_log where entity = 'journal_cell'"), cells);
    assert.equal(
      one<number>(raw, "select count(*) from audit_log where entity = 'final_mark'"),
      one<number>(raw, "select count(*) from final_mark where kind like 'p%'"),
    );
    assert.equal(one<number>(raw, "select count(*) from audit_log where entity = 'journal_cell' and user_id is null"), 0);
    assert.ok(verifyAuditChain(raw).ok);

    // The same seed gives the same journal.
    await runDemo(b.db, b.raw, systemActor('тест'), { seed: 11, students: 150, today: '2026-06-30' });
    assert.deepEqual(await databaseStats(b.db), s);
    assert.equal(digest(b.raw), digest(raw));
  } finally {
    await a.cleanup();
    await b.cleanup();
  }
});
