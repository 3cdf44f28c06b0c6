import type { Faker } from '@faker-js/faker';
import { personOf, type Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import { makeSnils } from '../contract/rules/snils';
import * as bells from '../school/bells';
import * as classes from '../school/classes';
import { generateLessons } from '../timetable/lessons';
import * as years from '../school/years';
import { fillYearJournal, hash32 } from './journal';
import { classDecisions, closeYear, saveDecisions } from '../journal/year-close';
import { family, feminineSurname } from './names';
import { chance } from './random';
import { LETTERS, type DemoStructure } from './school';
import type { DemoEnv } from './steps';

// `demo --years N`: the N−1 years before the current one, closed, with their journals. The school is the same: the same
// teachers, timetable, curriculum and thematic plans (copied), the calendar shifted by whole weeks. Today's students are
// in their earlier grades; classes whose students have left (graduates, those who went to college after grade 9, or to
// another school) are filled with made-up students who arrive, move up each September and leave with a withdrawal.

const DAY = 86_400_000;
const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);
const prevDay = (iso: string) => shift(iso, 1);

/** Grade g has a class with letter L. */
const hasClass = (g: number, letter: string) => g >= 1 && g <= 11 && LETTERS[g].includes(letter);

export async function demoPastYears(ctx: Ctx, f: Faker, s: DemoStructure, env: DemoEnv): Promise<void> {
  const back = Math.min(Math.max(1, env.years), 5) - 1;
  if (back === 0) return;
  const raw = env.raw;
  const cur = s.yearId;
  const curYear = raw.prepare('select start_date from academic_year where id = ?').get(cur) as { start_date: string };
  const currentClasses = raw.prepare('select * from class where year_id = ?').all(cur) as {
    id: number;
    grade: number;
    letter: string;
    name: string;
    homeroom_staff_id: number | null;
    bell_schedule_id: number | null;
    week_days: number;
    shift: number;
    room_id: number | null;
  }[];
  const currentByName = new Map(currentClasses.map((c) => [c.name, c]));
  // Students by the class they started the demo year in, with the arrival row to turn into a transfer.
  const firstClass = new Map<number, number[]>();
  const arrivalOf = new Map<number, number>();
  for (const r of raw
    .prepare(
      `select m.id, m.student_id, m.to_class_id from movement m join class c on c.id = m.to_class_id
       where m.kind = 'arrival' and m.date = ? and c.year_id = ? order by m.student_id`,
    )
    .all(curYear.start_date, cur) as { id: number; student_id: number; to_class_id: number }[]) {
    (firstClass.get(r.to_class_id) ?? firstClass.set(r.to_class_id, []).get(r.to_class_id)!).push(r.student_id);
    arrivalOf.set(r.student_id, r.id);
  }
  const classSize = Math.max(
    1,
    Math.round([...firstClass.values()].reduce((a, l) => a + l.length, 0) / Math.max(1, currentClasses.length)),
  );
  const curGroups = raw
    .prepare(
      'select id, class_id, subject_id, name, kind from study_group where class_id in (select id from class where year_id = ?) order by class_id, name',
    )
    .all(cur) as {
    id: number;
    class_id: number;
    subject_id: number | null;
    name: string;
    kind: string;
  }[];
  const curHolidays = raw
    .prepare('select name, kind, start_date, end_date, grades from holiday where year_id = ? order by start_date')
    .all(cur) as {
    name: string;
    kind: 'autumn' | 'winter' | 'spring' | 'summer' | 'extra' | 'public';
    start_date: string;
    end_date: string;
    grades: string;
  }[];
  const curSchemes = raw.prepare('select id, name, kind from period_scheme where year_id = ? order by id').all(cur) as {
    id: number;
    name: string;
    kind: 'quarter' | 'half' | 'trimester';
  }[];
  const curBells = raw.prepare('select id, name, shift from bell_schedule where year_id = ? order by id').all(cur) as {
    id: number;
    name: string;
    shift: number;
  }[];

  /** Made-up students by identity: the grade they would be in now, their letter, and the last past year they were here. */
  const madeUp = new Map<string, number[]>();
  /** Where each student was in the previous processed year: student → class id. */
  let previous = new Map<number, number>();
  const snilsBase = 300_000_000;
  let snilsNo = 0;
  const log = (msg: string) => (process.env.DEMO_VERBOSE ? console.error(msg) : undefined);

  // Oldest first, so that each student's history runs forward: arrival, transfers up each September, withdrawal.
  for (let k = back; k >= 1; k--) {
    const started = Date.now();
    const days = 364 * k; // whole weeks: every date keeps its weekday
    const startYear = Number(curYear.start_date.slice(0, 4)) - k;
    const yearId = await years.saveYear(ctx, {
      id: null,
      name: `${startYear}/${startYear + 1}`,
      start_date: `${startYear}-09-01`,
      end_date: `${startYear + 1}-08-31`,
    });
    const yearEnd = `${startYear + 1}-08-31`;
    for (const h of curHolidays)
      await years.saveHoliday(ctx, {
        id: null,
        yearId,
        name: h.name,
        kind: h.kind,
        start_date: shift(h.start_date, days),
        end_date: h.kind === 'summer' ? yearEnd : shift(h.end_date, days),
        grades: h.grades ? h.grades.split(',').map(Number) : [],
      });
    for (const sc of curSchemes) {
      const ps = raw.prepare('select name, start_date, end_date from study_period where scheme_id = ? order by number').all(sc.id) as {
        name: string;
        start_date: string;
        end_date: string;
      }[];
      const grades = (
        raw.prepare('select grade from grade_scheme where scheme_id = ? order by grade').all(sc.id) as { grade: number }[]
      ).map((g) => g.grade);
      await years.saveScheme(ctx, {
        id: null,
        yearId,
        name: sc.name,
        kind: sc.kind,
        grades,
        periods: ps.map((p, i) => ({
          name: p.name,
          start_date: i === 0 ? `${startYear}-09-01` : shift(p.start_date, days),
          end_date: shift(p.end_date, days),
        })),
      });
    }
    const bellMap = new Map<number, number>();
    for (const b of curBells) {
      const rows = raw
        .prepare('select lesson_number, start_time, end_time from bell where schedule_id = ? order by lesson_number')
        .all(b.id) as { lesson_number: number; start_time: string; end_time: string }[];
      bellMap.set(b.id, await bells.saveBellSchedule(ctx, { id: null, yearId, name: b.name, shift: b.shift, bells: rows }));
    }
    // The same classes as now (grades and letters), with the same homeroom teachers and rooms.
    const classMap = new Map<number, number>();
    const pastClasses: { id: number; grade: number; letter: string; name: string; currentId: number }[] = [];
    for (const c of currentClasses) {
      const id = await classes.saveClass(ctx, {
        id: null,
        yearId,
        grade: c.grade,
        letter: c.letter,
        homeroom_staff_id: c.homeroom_staff_id,
        bell_schedule_id: c.bell_schedule_id ? bellMap.get(c.bell_schedule_id)! : null,
        week_days: c.week_days as 5 | 6,
        shift: c.shift,
        room_id: c.room_id,
      });
      classMap.set(c.id, id);
      pastClasses.push({ id, grade: c.grade, letter: c.letter, name: c.name, currentId: c.id });
    }

    const counts = { year: `${startYear}/${startYear + 1}`, students: 0, madeUp: 0, lessons: 0 };
    const now = ctx.now().toISOString();
    const by = personOf(ctx.actor);
    const insStudent = raw.prepare(
      `insert into student(last_name, first_name, middle_name, birth_date, gender, snils, birth_cert_series, birth_cert_number, address_registered, address_actual, health_group, pe_group, personal_file_no)
       values (?, ?, ?, ?, ?, ?, 'I-КН', ?, ?, ?, ?, 'основная', ?)`,
    );
    const insEnrollment = raw.prepare('insert into enrollment(student_id, class_id, start_date, end_date) values (?, ?, ?, ?)');
    const insMovement = raw.prepare(
      'insert into movement(student_id, kind, date, from_class_id, to_class_id, order_number, reason, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insGroup = raw.prepare('insert into study_group(class_id, subject_id, name, kind) values (?, ?, ?, ?)');
    const insMember = raw.prepare('insert into group_member(group_id, student_id, start_date, end_date) values (?, ?, ?, null)');
    const newMade = (grade: number, letter: string, n: number): number[] => {
      const ids: number[] = [];
      for (let i = 0; i < n; i++) {
        const female = chance(f, 0.5);
        const fam = family(f);
        const birthYear = startYear - grade - 6;
        const address = `644${String(f.number.int({ min: 1, max: 99 })).padStart(3, '0')}, г. Омск, ул. Ленина, д. ${f.number.int({ min: 1, max: 120 })}, кв. ${f.number.int({ min: 1, max: 200 })}`;
        const r = insStudent.run(
          female ? feminineSurname(fam.surnameM) : fam.surnameM,
          f.person.firstName(female ? 'female' : 'male'),
          female ? fam.father[2] : fam.father[1],
          `${birthYear}-${String(f.number.int({ min: 1, max: 12 })).padStart(2, '0')}-${String(f.number.int({ min: 1, max: 28 })).padStart(2, '0')}`,
          female ? 'ж' : 'м',
          makeSnils(snilsBase + ++snilsNo),
          String(700_000 + snilsNo),
          address,
          address,
          f.helpers.arrayElement(['I', 'II', 'II', 'III']),
          `${letter}-${9000 + snilsNo}`,
        );
        ids.push(Number(r.lastInsertRowid));
      }
      counts.madeUp += n;
      return ids;
    };

    const writeRoster = raw.transaction(() => {
      const here = new Map<number, number>();
      for (const c of pastClasses) {
        // Who would be in grade c.grade this year: the students now in grade c.grade + k with this letter, if their
        // class existed every year since; otherwise made-up students who left after an earlier year.
        const nowGrade = c.grade + k;
        let lastK = k;
        while (lastK > 1 && hasClass(nowGrade - (lastK - 1), c.letter)) lastK--;
        const continuesNow = lastK === 1 && currentByName.has(`${nowGrade}${c.letter}`);
        let students: number[];
        if (continuesNow) students = firstClass.get(currentByName.get(`${nowGrade}${c.letter}`)!.id) ?? [];
        else {
          const key = `${nowGrade}${c.letter}@${lastK}`;
          if (!madeUp.has(key)) madeUp.set(key, newMade(c.grade, c.letter, classSize + f.number.int({ min: -2, max: 2 })));
          students = madeUp.get(key)!;
        }
        const leaves = !continuesNow && lastK === k;
        const lastGrade = c.grade;
        for (const st of students) {
          const from = previous.get(st);
          const start = `${startYear}-09-01`;
          if (from)
            insMovement.run(
              st,
              'transfer',
              start,
              from,
              c.id,
              `${90 + (st % 9)}-у от 30.08.${startYear}`,
              'Перевод в следующий класс (решение педагогического совета)',
              by,
              now,
            );
          else
            insMovement.run(
              st,
              'arrival',
              start,
              null,
              c.id,
              `${100 + (st % 17)}-у от 28.08.${startYear}`,
              c.grade === 1 ? 'Зачисление в 1 класс' : 'Зачисление',
              by,
              now,
            );
          if (leaves) {
            const out = `${startYear + 1}-06-30`;
            insEnrollment.run(st, c.id, start, prevDay(out));
            const reason =
              lastGrade === 11
                ? 'Окончание среднего общего образования (аттестат)'
                : lastGrade === 9
                  ? 'Окончание основного общего образования, продолжение обучения в колледже'
                  : 'Перевод в другую образовательную организацию (переезд семьи)';
            insMovement.run(st, 'withdrawal', out, c.id, null, `${60 + (st % 7)}-у от 29.06.${startYear + 1}`, reason, by, now);
          } else {
            insEnrollment.run(st, c.id, start, yearEnd);
            here.set(st, c.id);
          }
        }
        counts.students += students.length;
        // Subgroups as now, the class split in halves.
        const sorted = [...students].sort((a, b) => a - b);
        const half = Math.ceil(sorted.length / 2);
        const groupsNow = curGroups.filter((g) => g.class_id === c.currentId);
        for (const g of groupsNow) {
          const gid = Number(insGroup.run(c.id, g.subject_id, g.name, g.kind).lastInsertRowid);
          groupMap.set(g.id, gid);
          const part = /2 подгруппа/.test(g.name) ? sorted.slice(half) : sorted.slice(0, half);
          for (const st of part) insMember.run(gid, st, `${startYear}-09-01`);
        }
      }
      // Today's students who were in the last past year: their arrival in the demo year becomes a move up.
      if (k === 1)
        for (const [st, classId] of here) {
          const arrival = arrivalOf.get(st);
          if (arrival)
            raw
              .prepare(
                "update movement set kind = 'transfer', from_class_id = ?, reason = 'Перевод в следующий класс (решение педагогического совета)' where id = ?",
              )
              .run(classId, arrival);
        }
      previous = here;
    });
    const groupMap = new Map<number, number>();
    writeRoster();

    // Curriculum, load, timetable, thematic plans and control works: copied from the demo year.
    const classSql = (col: string) => `(select n from m_class where o = ${col})`;
    raw.exec(
      'create temp table if not exists m_class(o integer primary key, n integer); create temp table if not exists m_group(o integer primary key, n integer); delete from m_class; delete from m_group;',
    );
    const insMap = raw.prepare('insert into m_class(o, n) values (?, ?)');
    const insGMap = raw.prepare('insert into m_group(o, n) values (?, ?)');
    raw.transaction(() => {
      for (const [o, n] of classMap) insMap.run(o, n);
      for (const [o, n] of groupMap) insGMap.run(o, n);
      raw
        .prepare(
          `insert into curriculum_hours(year_id, grade, subject_id, class_id, period_number, hours) select ?, grade, subject_id, ${classSql('class_id')}, period_number, hours from curriculum_hours where year_id = ?`,
        )
        .run(yearId, cur);
      raw
        .prepare(
          `insert into teaching_load(year_id, staff_id, class_id, group_id, subject_id, hours) select ?, staff_id, ${classSql('class_id')}, (select n from m_group where o = group_id), subject_id, hours from teaching_load where year_id = ?`,
        )
        .run(yearId, cur);
      const versions = raw.prepare('select id, name from timetable_version where year_id = ? order by valid_from').all(cur) as {
        id: number;
        name: string;
      }[];
      for (const [i, v] of versions.entries()) {
        const vid = Number(
          raw
            .prepare('insert into timetable_version(year_id, valid_from, name) values (?, ?, ?)')
            .run(yearId, i === 0 ? `${startYear}-09-01` : `${startYear}-09-0${1 + i}`, v.name).lastInsertRowid,
        );
        raw
          .prepare(
            `insert into timetable_slot(version_id, class_id, group_id, weekday, lesson_number, subject_id, staff_id, room_id)
             select ?, ${classSql('class_id')}, (select n from m_group where o = group_id), weekday, lesson_number, subject_id, staff_id, room_id from timetable_slot where version_id = ? order by id`,
          )
          .run(vid, v.id);
      }
      const plans = raw
        .prepare('select id, subject_id, grade, class_id, name from thematic_plan where year_id = ? order by id')
        .all(cur) as { id: number; subject_id: number; grade: number; class_id: number | null; name: string }[];
      for (const p of plans) {
        const pid = Number(
          raw
            .prepare('insert into thematic_plan(year_id, subject_id, grade, class_id, name, updated_at) values (?, ?, ?, ?, ?, ?)')
            .run(yearId, p.subject_id, p.grade, p.class_id ? classMap.get(p.class_id)! : null, p.name, now).lastInsertRowid,
        );
        raw
          .prepare(
            'insert into plan_topic(plan_id, position, title, hours, kind, homework) select ?, position, title, hours, kind, homework from plan_topic where plan_id = ? order by position',
          )
          .run(pid, p.id);
      }
      const works = raw
        .prepare('select class_id, subject_id, date, lesson_number, kind, title from control_work where year_id = ? order by id')
        .all(cur) as { class_id: number; subject_id: number; date: string; lesson_number: number | null; kind: string; title: string }[];
      const insWork = raw.prepare(
        'insert into control_work(year_id, class_id, subject_id, date, lesson_number, kind, title, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const w of works)
        insWork.run(yearId, classMap.get(w.class_id)!, w.subject_id, shift(w.date, days), w.lesson_number, w.kind, w.title, by, now);
    })();
    raw.exec('drop table m_class; drop table m_group;');
    await mutate(ctx, (w) =>
      w.audit({ action: 'demo.pastYear', entity: 'academic_year', entityId: yearId, after: { ...counts, copiedFrom: cur } }),
    );
    log(`${counts.year}: set-up ${Date.now() - started} ms`);

    const gen = await generateLessons(ctx, { yearId });
    counts.lessons = gen.totals.added;
    log(`${counts.year}: lessons ${gen.totals.added} in ${gen.ms} ms`);
    const t = Date.now();
    const journal = fillYearJournal(raw, yearId, hash32(f.number.int({ min: 1, max: 2 ** 31 - 1 }), k));
    log(`${counts.year}: journal ${JSON.stringify(journal)} in ${Date.now() - t} ms`);
    await mutate(ctx, (w) => w.audit({ action: 'demo.journal', entity: 'journal', entityId: yearId, after: journal }));
  }
}

/**
 * The demo step after every past year exists: the council's decisions, then the director's close through the real
 * service (its checklist must pass), oldest first. Not inside the loop above: the year before each one turns its
 * arrivals into moves up, and a closed year's rows can no longer change (docs/YEAR-CLOSE.md).
 */
export async function demoCloseYears(ctx: Ctx, _f: Faker, s: DemoStructure): Promise<void> {
  const open = await ctx.db
    .selectFrom('academic_year')
    .select(['id', 'start_date'])
    .where('closed', '=', 0)
    .where('id', '!=', s.yearId)
    .orderBy('start_date')
    .execute();
  for (const y of open) {
    await councilDecisions(ctx, y.id, Number(y.start_date.slice(0, 4)));
    await closeYear(ctx, y.id);
  }
}

/**
 * The pedagogical council of 28 May: graduates of grades 9 and 11 who leave are «выпущен», a student with a «2» or
 * «н/а» for the year is «условно переведён», everyone else «переведён».
 */
async function councilDecisions(ctx: Ctx, yearId: number, startYear: number): Promise<void> {
  const leavers = new Set(
    (
      await ctx.db
        .selectFrom('movement')
        .select('student_id')
        .where('kind', '=', 'withdrawal')
        .where('date', '=', `${startYear + 1}-06-30`)
        .execute()
    ).map((r) => r.student_id),
  );
  const classes = await ctx.db.selectFrom('class').select(['id', 'grade']).where('year_id', '=', yearId).orderBy('id').execute();
  for (const c of classes) {
    const list = await classDecisions(ctx, yearId, c.id);
    if (!list.rows.length) continue;
    await saveDecisions(ctx, {
      yearId,
      classId: c.id,
      protocol: `протокол № 12 от 28.05.${startYear + 1}`,
      decisions: list.rows.map((r) => ({
        studentId: r.studentId,
        kind: (c.grade === 9 || c.grade === 11) && leavers.has(r.studentId) ? 'graduated' : r.debts.length ? 'conditional' : 'promoted',
        note: '',
      })),
    });
  }
}
