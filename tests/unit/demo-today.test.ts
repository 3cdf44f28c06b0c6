import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import type Database from 'better-sqlite3';
import { systemActor } from '../../main/kernel/context';
import { verifyAuditChain } from '../../main/kernel/audit-verify';
import { runDemo } from '../../main/demo';
import { DEMO_NOW_LOCAL, DEMO_TIME_ZONE, demoCalendar, demoInstant, schoolYearOf, todayIn } from '../../main/demo/calendar';
import { lateEntries } from '../../main/journal/timeliness';
import { tempDb } from '../helpers/db';

// The demo lives today: its current year is the school year containing the demo's today, filled up to it, with the
// open period unlocked, the earlier ones closed with their marks, and the debts a control report is there to find.

type Temp = Awaited<ReturnType<typeof tempDb>>;

const one = <T>(raw: Database.Database, q: string, ...args: unknown[]): T =>
  raw
    .prepare(q)
    .pluck()
    .get(...args) as T;

const currentYear = (raw: Database.Database) =>
  raw.prepare('select id, name, start_date, end_date from academic_year where closed = 0').get() as {
    id: number;
    name: string;
    start_date: string;
    end_date: string;
  };

/** What every live demo must be, whatever its today. */
async function checkLive(t: Temp, today: string) {
  const raw = t.raw;
  const year = currentYear(raw);
  assert.ok(year.start_date <= today && today <= year.end_date, `${year.name} contains ${today}`);
  assert.equal(year.name, demoCalendar(schoolYearOf(today)).year.name);
  const nowIso = new Date(demoInstant(today, DEMO_NOW_LOCAL)).toISOString();

  // Lessons after today are in the timetable and have nothing entered.
  const inYear = 'l.class_id in (select id from class where year_id = ?)';
  const lastLesson = one<string>(raw, `select max(l.date) from lesson l where ${inYear}`, year.id);
  const after = one<number>(raw, `select count(*) from lesson l where ${inYear} and l.date > ?`, year.id, today);
  assert.equal(after > 0, lastLesson > today, `lessons after ${today}: ${after}`);
  assert.equal(
    one<number>(
      raw,
      `select count(*) from lesson l where ${inYear} and l.date > ? and (l.entered_at is not null or l.topic_at is not null or l.homework <> '' or l.homework_at is not null)`,
      year.id,
      today,
    ),
    0,
  );
  assert.equal(one<number>(raw, 'select count(*) from mark m join lesson l on l.id = m.lesson_id where l.date > ?', today), 0);
  assert.equal(one<number>(raw, 'select count(*) from journal_cell j join lesson l on l.id = j.lesson_id where l.date > ?', today), 0);
  // Nothing was entered after the demo's «now»: marks, absences, topics, final marks, the audit log.
  for (const q of [
    'select max(entered_at) from mark',
    'select max(entered_at) from journal_cell',
    'select max(topic_at) from lesson',
    'select max(entered_at) from final_mark',
    'select max(locked_at) from journal_lock',
  ]) {
    const max = one<string | null>(raw, q);
    assert.ok(max === null || max <= nowIso, `${q}: ${max} after ${nowIso}`);
  }
  assert.ok(one<string>(raw, 'select max(at) from audit_log') <= new Date(Date.parse(nowIso) + 3_600_000).toISOString());

  // Periods over by today: locked, with period marks; the open one (and later ones): neither.
  const periods = raw
    .prepare(
      `select distinct sp.number, sp.start_date, sp.end_date, gs.grade from study_period sp join grade_scheme gs on gs.scheme_id = sp.scheme_id
       where gs.year_id = ? and gs.grade = 5 order by sp.number`,
    )
    .all(year.id) as { number: number; start_date: string; end_date: string; grade: number }[];
  for (const p of periods) {
    const locks = one<number>(
      raw,
      'select count(*) from journal_lock jl join class c on c.id = jl.class_id where c.year_id = ? and c.grade = 5 and jl.kind = ?',
      year.id,
      `p${p.number}`,
    );
    const marks = one<number>(
      raw,
      'select count(*) from final_mark where year_id = ? and kind = ? and class_id in (select id from class where grade = 5)',
      year.id,
      `p${p.number}`,
    );
    if (p.end_date < today) {
      assert.ok(locks > 0 && marks > 0, `period ${p.number} (to ${p.end_date}) closed: ${locks} locks, ${marks} marks`);
    } else {
      assert.equal(locks, 0, `period ${p.number} (to ${p.end_date}) is not locked on ${today}`);
      assert.equal(marks, 0, `period ${p.number} has no period marks on ${today}`);
    }
  }
  const lastEnd = periods[periods.length - 1].end_date;
  const yearMarks = one<number>(raw, "select count(*) from final_mark where year_id = ? and kind = 'year'", year.id);
  assert.equal(yearMarks > 0, lastEnd < today, `year marks on ${today}: ${yearMarks}`);
  assert.ok(verifyAuditChain(raw).ok);
  return year;
}

/** The debts and late entries the demo's current year has on its today. */
async function debts(t: Temp, today: string) {
  const raw = t.raw;
  const year = currentYear(raw);
  const late = await lateEntries(t.ctx, { yearId: year.id, from: year.start_date, to: today });
  const lateKinds = [...new Set(late.map((l) => l.what))].sort();
  const unfilled = raw
    .prepare(
      `select coalesce(l.substitute_staff_id, l.staff_id) as staff, count(*) as n from lesson l join class c on c.id = l.class_id
       where c.year_id = ? and l.status = 'held' and l.date < ? and l.topic_at is null group by staff order by n desc`,
    )
    .all(year.id, today) as { staff: number; n: number }[];
  const noHomework = one<number>(
    raw,
    `select count(*) from lesson l join class c on c.id = l.class_id join subject s on s.id = l.subject_id
     where c.year_id = ? and c.grade > 1 and l.date < ? and l.date >= date(?, '-21 day') and l.topic_at is not null and l.homework = ''
       and l.work_kind = '' and s.name in ('Русский язык', 'Математика', 'Алгебра', 'Геометрия', 'История', 'География', 'Биология', 'Физика', 'Химия')`,
    year.id,
    today,
    today,
  );
  // Control works taught more than three days ago (the marks' deadline, entry-deadline.ts) with no mark at all.
  const uncheckedControls = one<number>(
    raw,
    `select count(*) from lesson l join class c on c.id = l.class_id
     where c.year_id = ? and c.grade > 1 and l.work_kind = 'контрольная работа' and l.topic_at is not null and l.date < date(?, '-3 day')
       and not exists (select 1 from mark m where m.lesson_id = l.id)`,
    year.id,
    today,
  );
  // Students with fewer than three marks in a whole-class subject of the open period so far.
  const few = raw
    .prepare(
      `with cur as (select l.id, l.class_id, l.subject_id from lesson l join study_period sp on sp.id = l.period_id join class c on c.id = l.class_id
                    where c.year_id = ? and c.grade > 1 and l.group_id is null and l.topic_at is not null and sp.start_date <= ? and sp.end_date >= ?),
            pairs as (select distinct e.student_id, cur.class_id, cur.subject_id from cur join enrollment e on e.class_id = cur.class_id and e.end_date is null),
            n as (select p.student_id, (select count(*) from mark m join cur on cur.id = m.lesson_id
                   where m.student_id = p.student_id and cur.class_id = p.class_id and cur.subject_id = p.subject_id) as marks from pairs p)
       select count(distinct student_id) as students, (select count(distinct student_id) from n) as of from n where marks < 3`,
    )
    .get(year.id, today, today) as { students: number; of: number };
  return {
    late: late.length,
    lateKinds,
    unfilled: unfilled.reduce((a, u) => a + u.n, 0),
    teachersBehind: unfilled.filter((u) => u.n >= 5).length,
    noHomework,
    uncheckedControls,
    fewMarks: few.students,
    students: few.of,
  };
}

function digest(raw: Database.Database): string {
  const h = createHash('sha256');
  for (const q of [
    'select lesson_id, student_id, position, value, entered_at from mark order by id',
    'select lesson_id, student_id, absence, comment, entered_at from journal_cell order by lesson_id, student_id',
    'select student_id, kind, value, entered_at from final_mark order by id',
    'select id, topic, homework, topic_at, homework_at from lesson order by id',
    'select class_id, subject_id, group_id, kind, locked_at from journal_lock order by id',
  ])
    for (const r of raw.prepare(q).raw().iterate()) h.update(JSON.stringify(r));
  return h.digest('hex');
}

test('the demo on 2 December 2026: 2026/2027 filled up to today, the second quarter open, debts and late entries; --years 3', async () => {
  const t = await tempDb();
  try {
    const started = Date.now();
    const r = await runDemo(t.db, t.raw, systemActor('тест'), { seed: 3, students: 120, years: 3, today: '2026-12-02' });
    console.log(`live demo, 120 students, 3 years: ${Date.now() - started} ms`);
    assert.equal(r.today, '2026-12-02');
    const year = await checkLive(t, '2026-12-02');
    assert.equal(year.name, '2026/2027');
    // The first quarter (to 23.10) is closed, the second (from 02.11) open.
    assert.ok(one<number>(t.raw, "select count(*) from final_mark where year_id = ? and kind = 'p1'", year.id) > 500);
    assert.equal(
      one<number>(t.raw, "select count(*) from final_mark where year_id = ? and kind in ('p2', 'year', 'exam', 'final')", year.id),
      0,
    );
    // Lessons today: those over by 14:00 may be filled, the afternoon shift's are not.
    assert.equal(
      one<number>(
        t.raw,
        "select count(*) from lesson l join class c on c.id = l.class_id where l.date = '2026-12-02' and c.shift = 2 and l.topic_at is not null",
      ),
      0,
    );

    const d = await debts(t, '2026-12-02');
    console.log('debts on 2026-12-02:', JSON.stringify(d));
    assert.ok(d.late > 1000, `late entries ${d.late}`);
    assert.deepEqual(d.lateKinds, ['домашнее задание', 'отметка', 'пропуск', 'тема урока']);
    assert.ok(d.teachersBehind >= 2 && d.teachersBehind <= 8, `teachers behind: ${d.teachersBehind}`);
    assert.ok(d.unfilled > 20, `lessons without a topic: ${d.unfilled}`);
    assert.ok(d.noHomework > 0, 'lessons without homework');
    assert.ok(d.uncheckedControls > 0, 'control works not marked past their deadline');
    assert.ok(d.fewMarks > 0 && d.fewMarks < d.students * 0.4, `students with too few marks: ${d.fewMarks} of ${d.students}`);

    // --years 3: the two years before, closed, with their journals.
    const past = t.raw.prepare('select name, closed from academic_year order by start_date').all() as { name: string; closed: number }[];
    assert.deepEqual(past, [
      { name: '2024/2025', closed: 1 },
      { name: '2025/2026', closed: 1 },
      { name: '2026/2027', closed: 0 },
    ]);
    for (const name of ['2024/2025', '2025/2026']) {
      const marks = one<number>(
        t.raw,
        "select count(*) from final_mark f join academic_year y on y.id = f.year_id where y.name = ? and f.kind = 'year'",
        name,
      );
      assert.ok(marks > 100, `${name}: year marks ${marks}`);
    }
  } finally {
    await t.cleanup();
  }
});

test('the live demo is the same for a seed and a today, and by default lives in the real today of Omsk', async () => {
  const runs: { digest: string; debts: Awaited<ReturnType<typeof debts>> }[] = [];
  for (let i = 0; i < 2; i++) {
    const t = await tempDb();
    try {
      await runDemo(t.db, t.raw, systemActor('тест'), { seed: 4, students: 50, today: '2027-03-03' });
      await checkLive(t, '2027-03-03');
      runs.push({ digest: digest(t.raw), debts: await debts(t, '2027-03-03') });
    } finally {
      await t.cleanup();
    }
  }
  assert.deepEqual(runs[0].debts, runs[1].debts);
  assert.equal(runs[0].digest, runs[1].digest);
  assert.ok(runs[0].debts.late > 0 && runs[0].debts.unfilled > 0);

  const t = await tempDb();
  try {
    const before = todayIn(DEMO_TIME_ZONE);
    const r = await runDemo(t.db, t.raw, systemActor('тест'), { seed: 4, students: 50 });
    assert.ok([before, todayIn(DEMO_TIME_ZONE)].includes(r.today), `the demo's today ${r.today}`);
    await checkLive(t, r.today);
  } finally {
    await t.cleanup();
  }
});
