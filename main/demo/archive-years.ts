import type Database from 'better-sqlite3';
import type { Faker } from '@faker-js/faker';
import { personOf, type Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import { suggestedMark, taughtWithoutMarks } from '../contract/rules/final-rules';
import { makeSnils } from '../contract/rules/snils';
import * as classes from '../school/classes';
import * as years from '../school/years';
import { EXAM_ELECTIVES, hash32, prng, studentAbility, type Rng } from './journal';
import { family, feminineSurname } from './names';
import { SUBJECTS, type DemoStructure } from './school';
import type { DemoEnv } from './steps';

// The archive: closed school years before the first detailed year, as the 25-year look-up (issue 14 part 5) and its
// benchmark need them. A detailed past year (past-years.ts) has a whole journal — lessons, marks, absences — and costs
// minutes; an archive year has only what the summary ledgers keep: the year and its periods and holidays, the same
// classes, their students with arrivals, moves up each September and withdrawals, and the final marks (period, year,
// exam and final), so 25 years take seconds. The school's classes and curriculum are those of the first detailed year;
// its students are the same people in earlier grades (their arrival in that year becomes a move up); classes whose
// students left before it (graduates, those who went to college, to another school) get made-up students.
//
// Kept apart from past-years.ts and the demo's calendar on purpose: it takes the first detailed year as a parameter,
// so it works before whatever year the demo starts its detailed history with.

const DAY = 86_400_000;
const back = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);

export interface ArchiveOptions {
  /** The oldest detailed year: the archive ends the day before it starts. */
  firstDetailedYearId: number;
  /** How many archive years to make before it. */
  count: number;
  seed: number;
}

export interface ArchiveCounts {
  years: number;
  students: number;
  madeUp: number;
  finalMarks: number;
}

interface ClassRow {
  id: number;
  grade: number;
  letter: string;
  name: string;
  homeroom_staff_id: number | null;
  week_days: number;
  shift: number;
  room_id: number | null;
}

export async function generateArchiveYears(ctx: Ctx, raw: Database.Database, o: ArchiveOptions, f: Faker): Promise<ArchiveCounts> {
  const counts: ArchiveCounts = { years: 0, students: 0, madeUp: 0, finalMarks: 0 };
  if (o.count <= 0) return counts;
  const first = raw.prepare('select id, name, start_date from academic_year where id = ?').get(o.firstDetailedYearId) as
    { id: number; name: string; start_date: string } | undefined;
  if (!first) throw new Error(`archive: no year ${o.firstDetailedYearId}`);
  const firstStart = Number(first.start_date.slice(0, 4));
  const classRows = raw
    .prepare(
      'select id, grade, letter, name, homeroom_staff_id, week_days, shift, room_id from class where year_id = ? order by grade, letter',
    )
    .all(first.id) as ClassRow[];
  const byName = new Map(classRows.map((c) => [c.name, c]));
  // Who started the first detailed year in each class: the arrival rows on its first day (turned into moves up below).
  const arrivals = raw
    .prepare(
      `select m.id, m.student_id, c.name from movement m join class c on c.id = m.to_class_id
       where m.kind = 'arrival' and m.date = ? and c.year_id = ? order by m.student_id`,
    )
    .all(first.start_date, first.id) as { id: number; student_id: number; name: string }[];
  const rosterOfFirst = new Map<string, number[]>();
  for (const a of arrivals) (rosterOfFirst.get(a.name) ?? rosterOfFirst.set(a.name, []).get(a.name)!).push(a.student_id);
  const classSize = Math.max(1, Math.round(arrivals.length / Math.max(1, classRows.length)));

  // The school's calendar and subjects, copied from the first detailed year.
  const schemes = raw.prepare('select id, name, kind from period_scheme where year_id = ? order by id').all(first.id) as {
    id: number;
    name: string;
    kind: 'quarter' | 'half' | 'trimester';
  }[];
  const schemePeriods = new Map(
    schemes.map((s) => [
      s.id,
      {
        periods: raw
          .prepare('select number, name, start_date, end_date from study_period where scheme_id = ? order by number')
          .all(s.id) as {
          number: number;
          name: string;
          start_date: string;
          end_date: string;
        }[],
        grades: (raw.prepare('select grade from grade_scheme where scheme_id = ? order by grade').all(s.id) as { grade: number }[]).map(
          (g) => g.grade,
        ),
      },
    ]),
  );
  const periodsOfGrade = new Map<number, number>();
  for (const s of schemePeriods.values()) for (const g of s.grades) periodsOfGrade.set(g, s.periods.length);
  const holidays = raw
    .prepare('select name, kind, start_date, end_date, grades from holiday where year_id = ? order by start_date')
    .all(first.id) as {
    name: string;
    kind: 'autumn' | 'winter' | 'spring' | 'summer' | 'extra' | 'public';
    start_date: string;
    end_date: string;
    grades: string;
  }[];
  const subjects = raw.prepare('select id, name, grading from subject order by id').all() as {
    id: number;
    name: string;
    grading: string;
  }[];
  const subjectByName = new Map(subjects.map((s) => [s.name, s]));
  const curriculum = raw
    .prepare(
      'select distinct grade, subject_id from curriculum_hours where year_id = ? and class_id is null and hours > 0 order by subject_id',
    )
    .all(first.id) as { grade: number; subject_id: number }[];
  const subjectsOfGrade = new Map<number, { id: number; name: string; pass: boolean }[]>();
  for (let g = 1; g <= 11; g++) {
    const ids = curriculum.length
      ? curriculum.filter((r) => r.grade === g).map((r) => r.subject_id)
      : SUBJECTS.filter((s) => s.grades[0] <= g && g <= s.grades[1]).flatMap((s) => subjectByName.get(s.name)?.id ?? []);
    subjectsOfGrade.set(
      g,
      subjects.filter((s) => ids.includes(s.id)).map((s) => ({ id: s.id, name: s.name, pass: s.grading === 'pass' })),
    );
  }

  // The rosters, newest archive year first: a class holds the students who are one grade up with the same letter a
  // year later; where that class does not exist (grade 11, a letter that ends after grade 9 or 4), made-up students
  // who leave at the end of the year.
  type Placed = { students: number[]; leaves: boolean };
  const rosters: Map<string, Placed>[] = []; // rosters[j - 1]: the year j years before the first detailed one
  let next = new Map<string, number[]>(rosterOfFirst);
  const rng = prng(hash32(o.seed, 0x61726368));
  const insStudent = raw.prepare(
    `insert into student(last_name, first_name, middle_name, birth_date, gender, snils, birth_cert_series, birth_cert_number, address_registered, address_actual, health_group, pe_group, personal_file_no)
     values (?, ?, ?, ?, ?, ?, 'I-КН', ?, ?, ?, 'II', 'основная', ?)`,
  );
  const snilsBase = 400_000_000;
  let made = 0;
  const makeStudents = (grade: number, letter: string, startYear: number, n: number): number[] => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      made++;
      const female = rng() < 0.5;
      const fam = family(f);
      const first = f.person.firstName(female ? 'female' : 'male');
      const birthYear = startYear - grade - 6;
      const address = `644${String(1 + Math.floor(rng() * 99)).padStart(3, '0')}, г. Омск, ул. Мира, д. ${1 + Math.floor(rng() * 120)}`;
      const r = insStudent.run(
        female ? feminineSurname(fam.surnameM) : fam.surnameM,
        first,
        female ? fam.father[2] : fam.father[1],
        `${birthYear}-${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`,
        female ? 'ж' : 'м',
        makeSnils(snilsBase + made),
        String(800_000 + made),
        address,
        address,
        `${letter}-${startYear % 100}${String(made).padStart(5, '0')}`,
      );
      ids.push(Number(r.lastInsertRowid));
    }
    counts.madeUp += n;
    return ids;
  };
  raw.transaction(() => {
    for (let j = 1; j <= o.count; j++) {
      const startYear = firstStart - j;
      const here = new Map<string, Placed>();
      const nowNext = new Map<string, number[]>();
      for (const c of classRows) {
        const up = `${c.grade + 1}${c.letter}`;
        const continues = c.grade < 11 && byName.has(up);
        const students = continues
          ? (next.get(up) ?? [])
          : makeStudents(c.grade, c.letter, startYear, Math.max(1, classSize + Math.floor(rng() * 5) - 2));
        here.set(c.name, { students, leaves: !continues });
        nowNext.set(c.name, students);
      }
      rosters.push(here);
      next = nowNext;
    }
  })();

  // The years, oldest first, so that each student's movement runs forward.
  const by = personOf(ctx.actor);
  const at = ctx.now().toISOString();
  const insEnrollment = raw.prepare('insert into enrollment(student_id, class_id, start_date, end_date) values (?, ?, ?, ?)');
  const insMovement = raw.prepare(
    'insert into movement(student_id, kind, date, from_class_id, to_class_id, order_number, reason, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insFinal = raw.prepare(
    'insert into final_mark(year_id, class_id, subject_id, student_id, kind, value, entered_at, entered_by) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let previous = new Map<number, number>(); // student → class in the year before
  const toClose: { yearId: number; counts: { year: string; students: number; finalMarks: number } }[] = [];
  for (let j = o.count; j >= 1; j--) {
    const startYear = firstStart - j;
    const days = 364 * j; // whole weeks: every date keeps its weekday
    const yearStart = `${startYear}-09-01`;
    const yearEnd = `${startYear + 1}-08-31`;
    const yearId = await years.saveYear(ctx, { id: null, name: `${startYear}/${startYear + 1}`, start_date: yearStart, end_date: yearEnd });
    for (const h of holidays)
      await years.saveHoliday(ctx, {
        id: null,
        yearId,
        name: h.name,
        kind: h.kind,
        start_date: back(h.start_date, days),
        end_date: h.kind === 'summer' ? yearEnd : back(h.end_date, days),
        grades: h.grades ? h.grades.split(',').map(Number) : [],
      });
    let lastEnd = yearStart;
    for (const s of schemes) {
      const sp = schemePeriods.get(s.id)!;
      const periods = sp.periods.map((p, i) => ({
        name: p.name,
        start_date: i === 0 ? yearStart : back(p.start_date, days),
        end_date: back(p.end_date, days),
      }));
      for (const p of periods) if (p.end_date > lastEnd) lastEnd = p.end_date;
      await years.saveScheme(ctx, { id: null, yearId, name: s.name, kind: s.kind, grades: sp.grades, periods });
    }
    const classIds = new Map<string, number>();
    for (const c of classRows)
      classIds.set(
        c.name,
        await classes.saveClass(ctx, {
          id: null,
          yearId,
          grade: c.grade,
          letter: c.letter,
          homeroom_staff_id: c.homeroom_staff_id,
          bell_schedule_id: null,
          week_days: c.week_days as 5 | 6,
          shift: c.shift,
          room_id: c.room_id,
        }),
      );
    const roster = rosters[j - 1];
    const stamp = (iso: string) => `${iso}T09:00:00.000Z`;
    const yearCounts = { year: `${startYear}/${startYear + 1}`, students: 0, finalMarks: 0 };
    raw.transaction(() => {
      const here = new Map<number, number>();
      for (const c of classRows) {
        const classId = classIds.get(c.name)!;
        const { students, leaves } = roster.get(c.name)!;
        for (const st of students) {
          const from = previous.get(st);
          if (from)
            insMovement.run(
              st,
              'transfer',
              yearStart,
              from,
              classId,
              `${90 + (st % 9)}-у от 30.08.${startYear}`,
              'Перевод в следующий класс (решение педагогического совета)',
              by,
              at,
            );
          else
            insMovement.run(
              st,
              'arrival',
              yearStart,
              null,
              classId,
              `${100 + (st % 17)}-у от 28.08.${startYear}`,
              c.grade === 1 ? 'Зачисление в 1 класс' : 'Зачисление',
              by,
              at,
            );
          if (leaves) {
            const out = `${startYear + 1}-06-30`;
            insEnrollment.run(st, classId, yearStart, back(out, 1));
            const reason =
              c.grade === 11
                ? 'Окончание среднего общего образования (аттестат)'
                : c.grade === 9
                  ? 'Окончание основного общего образования, продолжение обучения в колледже'
                  : 'Перевод в другую образовательную организацию (переезд семьи)';
            insMovement.run(st, 'withdrawal', out, classId, null, `${60 + (st % 7)}-у от 29.06.${startYear + 1}`, reason, by, at);
          } else {
            insEnrollment.run(st, classId, yearStart, yearEnd);
            here.set(st, classId);
          }
          yearCounts.students++;
          yearCounts.finalMarks += writeMarks(
            insFinal,
            o.seed,
            { yearId, classId, grade: c.grade, student: st, startYear },
            {
              subjects: subjectsOfGrade.get(c.grade) ?? [],
              periods: periodsOfGrade.get(c.grade) ?? 0,
              lastEnd,
              by,
              stamp,
            },
          );
        }
      }
      previous = here;
    })();
    toClose.push({ yearId, counts: yearCounts });
    counts.years++;
    counts.students += yearCounts.students;
    counts.finalMarks += yearCounts.finalMarks;
  }
  // The first detailed year's students who were here the year before: their arrival becomes a move up.
  const moveUp = raw.prepare(
    "update movement set kind = 'transfer', from_class_id = ?, reason = 'Перевод в следующий класс (решение педагогического совета)' where id = ?",
  );
  raw.transaction(() => {
    for (const a of arrivals) {
      const from = previous.get(a.student_id);
      if (from) moveUp.run(from, a.id);
    }
  })();
  // Closed only now: each year's students move into the next, and a closed year's rows can no longer change. Archive
  // years have neither lessons nor council decisions, so they close directly rather than through the checklist.
  for (const m of toClose)
    await mutate(ctx, async (w) => {
      await w.trx.updateTable('academic_year').set({ closed: 1 }).where('id', '=', m.yearId).execute();
      await w.audit({
        action: 'demo.archiveYear',
        entity: 'academic_year',
        entityId: m.yearId,
        after: { ...m.counts, closed: true, copiedFrom: first.id },
      });
    });
  return counts;
}

/** Period, year, exam and final marks of one student in one class for the year, as the journal would have set them. */
function writeMarks(
  ins: Database.Statement,
  seed: number,
  k: { yearId: number; classId: number; grade: number; student: number; startYear: number },
  o: {
    subjects: { id: number; name: string; pass: boolean }[];
    periods: number;
    lastEnd: string;
    by: string;
    stamp: (iso: string) => string;
  },
): number {
  let n = 0;
  const r = prng(hash32(seed, k.student, k.yearId));
  const base = studentAbility(seed, k.student);
  const day = (iso: string, plus: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + plus * DAY).toISOString().slice(0, 10);
  const electives = new Set<string>();
  while (k.grade === 9 && electives.size < 2) electives.add(EXAM_ELECTIVES[Math.floor(r() * EXAM_ELECTIVES.length)]);
  for (const s of o.subjects) {
    const ability = base + (prng(hash32(seed, k.student, s.id, 2))() - 0.5) * 0.8;
    const values: string[] = [];
    for (let p = 1; p <= o.periods; p++) {
      const v = taughtWithoutMarks(k.grade) ? 'безотм' : s.pass ? (r() < 0.97 ? 'зач' : 'незач') : mark(ability, r);
      ins.run(k.yearId, k.classId, s.id, k.student, `p${p}`, v, o.stamp(k.startYear + (p > 2 ? 1 : 0) + '-12-20'), o.by);
      values.push(v);
      n++;
    }
    const nums = values.filter((v) => /^[2-5]$/.test(v)).map(Number);
    const year = taughtWithoutMarks(k.grade)
      ? 'безотм'
      : s.pass
        ? values.includes('зач') && values[values.length - 1] !== 'незач'
          ? 'зач'
          : 'незач'
        : nums.length
          ? suggestedMark(nums.reduce((a, b) => a + b, 0) / nums.length)!
          : mark(ability, r);
    ins.run(k.yearId, k.classId, s.id, k.student, 'year', year, o.stamp(o.lastEnd), o.by);
    n++;
    if (k.grade !== 9 && k.grade !== 11) continue;
    let final = year;
    const examined = s.name === 'Русский язык' || s.name === 'Алгебра' || electives.has(s.name);
    if (examined && /^[2-5]$/.test(year)) {
      const exam = String(Math.max(2, Math.min(5, Math.round(Number(year) + (r() - 0.55) * 1.6))));
      ins.run(k.yearId, k.classId, s.id, k.student, 'exam', exam, o.stamp(day(o.lastEnd, 30)), o.by);
      n++;
      final = suggestedMark((Number(year) + Number(exam)) / 2)!;
    }
    ins.run(k.yearId, k.classId, s.id, k.student, 'final', final, o.stamp(day(o.lastEnd, 32)), o.by);
    n++;
  }
  return n;
}

function mark(ability: number, r: Rng): string {
  const noise = (r() + r() + r() - 1.5) * 1.1;
  return String(Math.max(2, Math.min(5, Math.round(ability + noise))));
}

/** The demo step: with `demo --years N` above the detailed years (past-years.ts), the rest as archive years. */
export const DETAILED_YEARS = 5;

export async function demoArchiveYears(ctx: Ctx, f: Faker, _s: DemoStructure, env: DemoEnv): Promise<void> {
  const count = env.years - DETAILED_YEARS;
  if (count <= 0) return;
  const oldest = env.raw.prepare('select id from academic_year order by start_date limit 1').pluck().get() as number;
  const seed = f.number.int({ min: 1, max: 2 ** 31 - 1 });
  const started = Date.now();
  const counts = await generateArchiveYears(ctx, env.raw, { firstDetailedYearId: oldest, count, seed }, f);
  if (process.env.DEMO_VERBOSE) console.error(`archive: ${JSON.stringify(counts)} in ${Date.now() - started} ms`);
}
