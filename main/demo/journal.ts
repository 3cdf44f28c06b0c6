import type Database from 'better-sqlite3';
import type { Faker } from '@faker-js/faker';
import type { Ctx } from '../kernel/context';
import { rawAuditWriter } from '../kernel/audit-chain';
import { mutate } from '../kernel/mutate';
import { formatCell } from '../contract/rules/cell-text';
import { suggestedMark, suggestedPass, taughtWithoutMarks } from '../contract/rules/final-rules';
import * as catalog from '../school/catalog';
import { DEMO_TIME_ZONE } from './calendar';
import type { DemoEnv } from './steps';
import { teacherPeriodMark } from './teacher-judgement';
import type { DemoStructure } from './school';

// The demo school's journal for a whole year: topics and homework on every held lesson, marks, absences, comments,
// period, year, exam and final marks, and the locks set with the period marks. Tens of thousands of lessons and
// hundreds of thousands of marks: written with raw prepared statements in a few big transactions; the current year's
// cells and period marks each get their audit row (the same hash chain as the services write), past years one
// summary. Everything comes from a seeded PRNG: the same seed gives the same file.

export interface JournalCounts {
  year: string;
  lessons: number;
  marks: number;
  cells: number;
  absences: number;
  finalMarks: number;
  locks: number;
  /** Lessons held before the demo's «now» that their teacher has not filled in yet (the current year only). */
  unfilled: number;
}

// ---------- deterministic randomness ----------

export function hash32(...xs: number[]): number {
  let h = 0x811c9dc5;
  for (const x of xs) {
    h ^= x | 0;
    h = Math.imul(h, 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return h >>> 0;
}

export type Rng = () => number;

export function prng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(r: Rng): number {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

const int = (r: Rng, min: number, max: number) => min + Math.floor(r() * (max - min + 1));

// ---------- dates ----------

const DAY = 86_400_000;
/** The demo school is in Omsk (UTC+6, no daylight saving); timestamps are stored in UTC. */
const TZ = '+06:00';
export { DEMO_TIME_ZONE };
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ru = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;

// ---------- students ----------

/** A student's general ability (the mean of their marks before subject and noise), stable across years. */
export function studentAbility(seed: number, studentId: number): number {
  const r = prng(hash32(seed, studentId, 1));
  const u = r();
  // Some excellent students, most at 4 and 3, a few weak ones who get 2s.
  if (u < 0.12) return 4.55 + r() * 0.45;
  if (u < 0.6) return 3.75 + r() * 0.75;
  if (u < 0.92) return 3.1 + r() * 0.65;
  return 2.55 + r() * 0.5;
}

const EASY = new Set([
  'Физическая культура',
  'Музыка',
  'Изобразительное искусство',
  'Труд (технология)',
  'Основы безопасности и защиты Родины',
  'Индивидуальный проект',
]);

function subjectAbility(seed: number, studentId: number, subjectId: number, subject: string, base: number): number {
  const r = prng(hash32(seed, studentId, subjectId, 2));
  return base + (r() - 0.5) * 0.8 + (EASY.has(subject) ? 0.55 : 0);
}

/** Absence codes per day of the year: 0 present, 1 «н», 2 «б», 3 «у». Illnesses of several days, excused days, truancy. */
function absenceCalendar(seed: number, studentId: number, days: number): Uint8Array {
  const r = prng(hash32(seed, studentId, 3));
  const cal = new Uint8Array(days);
  const sickly = r();
  // Calendar days of illness episodes; about 200 school days in 270 calendar days of lessons.
  const episodes = sickly < 0.15 ? int(r, 0, 1) : sickly < 0.85 ? int(r, 1, 3) : int(r, 3, 5);
  const studyDays = Math.min(days, 270);
  for (let i = 0; i < episodes; i++) {
    const len = r() < 0.25 ? int(r, 2, 3) : r() < 0.8 ? int(r, 4, 9) : int(r, 10, 16);
    // More illness in November–March.
    let start = int(r, 0, studyDays - 1);
    if (r() < 0.5) start = int(r, 60, Math.min(studyDays - 1, 210));
    for (let d = start; d < Math.min(days, start + len); d++) cal[d] = 2;
  }
  // Whole excused days (competitions, family reasons, a doctor's appointment).
  const excused = int(r, 0, sickly < 0.5 ? 3 : 5);
  for (let i = 0; i < excused; i++) {
    const d = int(r, 0, studyDays - 1);
    if (!cal[d]) cal[d] = 3;
  }
  // A few whole days without a reason.
  if (r() < 0.3) {
    const d = int(r, 0, studyDays - 1);
    if (!cal[d]) cal[d] = 1;
  }
  return cal;
}

// ---------- topics and homework ----------

const EXTRA_TOPICS: Record<string, string[]> = {
  'Русский язык': [
    'Повторение: орфограммы в корне слова',
    'Работа над ошибками',
    'Развитие речи: изложение',
    'Словарный диктант и его анализ',
  ],
  Математика: ['Решение задач на движение', 'Повторение: действия с дробями', 'Работа над ошибками', 'Решение текстовых задач'],
  Алгебра: ['Решение уравнений: практикум', 'Работа над ошибками', 'Повторение: преобразование выражений'],
  Геометрия: ['Решение задач на доказательство', 'Работа над ошибками', 'Повторение: признаки равенства треугольников'],
  'Иностранный язык (английский)': ['Revision: Present Simple', 'Reading for pleasure', 'Speaking practice', 'Project work'],
  'Физическая культура': [
    'Лёгкая атлетика: бег на короткие дистанции',
    'Гимнастика: упражнения на равновесие',
    'Спортивные игры: баскетбол',
    'Лыжная подготовка',
  ],
};
const GENERIC_TOPICS = [
  'Повторение изученного',
  'Обобщающий урок по разделу',
  'Решение задач и упражнений',
  'Работа над ошибками',
  'Урок-практикум',
];

function extraTopic(subject: string, i: number): string {
  const list = EXTRA_TOPICS[subject] ?? GENERIC_TOPICS;
  return list[i % list.length];
}

/** Homework of the n-th lesson of a journal, or '' for none. */
function homework(subject: string, grade: number, n: number, kind: string | null, r: Rng): string {
  if (grade === 1) return '';
  if (kind === 'control') return r() < 0.7 ? '' : 'Повторить правила раздела';
  const p = 1 + Math.floor(n / 2);
  const ex = 3 + n * 4;
  switch (subject) {
    case 'Физическая культура':
      return r() < 0.85 ? '' : 'Комплекс утренней гимнастики (10 мин ежедневно)';
    case 'Музыка':
    case 'Изобразительное искусство':
    case 'Труд (технология)':
      return r() < 0.6
        ? ''
        : subject === 'Изобразительное искусство'
          ? 'Принести альбом и акварельные краски'
          : subject === 'Музыка'
            ? 'Выучить слова песни'
            : 'Подготовить материалы к практической работе';
    case 'Русский язык':
      return `§ ${p}, упр. ${ex}${r() < 0.3 ? `, ${ex + 1}` : ''}`;
    case 'Математика':
    case 'Алгебра':
    case 'Геометрия':
    case 'Вероятность и статистика':
    case 'Практикум по математике':
      return `§ ${p}, № ${ex * 2}–${ex * 2 + 2}`;
    case 'Литература':
    case 'Литературное чтение': {
      const page = 10 + n * 6;
      return r() < 0.15
        ? 'Выучить стихотворение наизусть'
        : `Прочитать с. ${page}–${page + 8}, ответить на вопросы ${int(r, 1, 3)}–${int(r, 4, 6)}`;
    }
    case 'Иностранный язык (английский)':
      return `SB p. ${8 + n * 2}, ex. ${int(r, 1, 8)}; WB p. ${4 + n}`;
    case 'Индивидуальный проект':
      return 'Работа над проектом: собрать источники, план';
    default:
      return `§ ${p}, вопросы ${int(r, 1, 3)}–${int(r, 4, 6)} на с. ${12 + n * 4}`;
  }
}

// ---------- the year ----------

interface LessonRow {
  id: number;
  class_id: number;
  group_id: number | null;
  subject_id: number;
  teacher: number;
  date: string;
  lesson_number: number;
  period_id: number | null;
  topic: string;
  topic_kind: string | null;
}

interface MarkOut {
  lesson: number;
  student: number;
  pos: number;
  value: string;
  type: number;
  weight: number;
  at: string;
  by: string;
}

/** The subjects where grades 9 and 11 take exams: everyone Russian and mathematics, and two of these each. */
export const EXAM_ELECTIVES = [
  'Обществознание',
  'Информатика',
  'Биология',
  'География',
  'История',
  'Физика',
  'Химия',
  'Литература',
  'Иностранный язык (английский)',
];

/**
 * Fills one year's journal. Writes only rows of this year's classes and lessons; reads the enrollments and group
 * members already there, so students get data only while they were in the class (and the group).
 */
export function fillYearJournal(
  raw: Database.Database,
  yearId: number,
  seed: number,
  opts: {
    audited?: boolean;
    /** The demo's «now» (ms): nothing is entered after it, so lessons after it stay empty. Absent: the whole year. */
    now?: number;
  } = {},
): JournalCounts {
  const nowMs = opts.now ?? Number.POSITIVE_INFINITY;
  /** The demo's today on the school's clock (UTC+6). */
  const today = opts.now === undefined ? '9999-12-31' : new Date(opts.now + 6 * 3_600_000).toISOString().slice(0, 10);
  // The current year goes into the audit log cell by cell under the teacher's account, as if typed in the program; the
  // closed past years get one summary row each (millions of rows would only slow the demo down).
  const audit = opts.audited ? rawAuditWriter(raw) : null;
  const users = new Map(
    (
      raw.prepare('select id, login, display_name, staff_id from app_user where staff_id is not null').all() as {
        id: number;
        login: string;
        display_name: string;
        staff_id: number;
      }[]
    ).map((u) => [u.staff_id, { userId: u.id, name: `${u.display_name} (${u.login})` }]),
  );

  const year = raw.prepare('select name, start_date, end_date from academic_year where id = ?').get(yearId) as {
    name: string;
    start_date: string;
    end_date: string;
  };
  const yearStart = dayMs(year.start_date);
  const yearDays = Math.round((dayMs(year.end_date) - yearStart) / DAY) + 1;
  const dayIndex = (iso: string) => Math.round((dayMs(iso) - yearStart) / DAY);

  const classes = raw.prepare('select id, grade, bell_schedule_id from class where year_id = ? order by grade, letter').all(yearId) as {
    id: number;
    grade: number;
    bell_schedule_id: number | null;
  }[];
  const subjects = raw.prepare('select id, name, grading from subject').all() as { id: number; name: string; grading: string }[];
  const subjectById = new Map(subjects.map((s) => [s.id, s]));
  const staffName = new Map(
    (
      raw.prepare('select id, last_name, first_name, middle_name from staff').all() as {
        id: number;
        last_name: string;
        first_name: string;
        middle_name: string;
      }[]
    ).map((p) => [p.id, `${p.last_name} ${p.first_name[0]}. ${p.middle_name ? `${p.middle_name[0]}.` : ''}`.trim()]),
  );
  // By the teacher's staff id, not their printed name: two teachers may share «Иванова А. П.».
  const actorOf = (staffId: number) => users.get(staffId) ?? { userId: null, name: staffName.get(staffId) ?? '' };
  const bellEnd = new Map<string, string>();
  for (const b of raw.prepare('select schedule_id, lesson_number, end_time from bell').all() as {
    schedule_id: number;
    lesson_number: number;
    end_time: string;
  }[])
    bellEnd.set(`${b.schedule_id}:${b.lesson_number}`, b.end_time);
  const bellOf = new Map(classes.map((c) => [c.id, c.bell_schedule_id]));
  const periods = raw
    .prepare(
      `select sp.id, sp.number, sp.start_date, sp.end_date, gs.grade from study_period sp join grade_scheme gs on gs.scheme_id = sp.scheme_id
       where gs.year_id = ? order by gs.grade, sp.number`,
    )
    .all(yearId) as { id: number; number: number; start_date: string; end_date: string; grade: number }[];
  const periodById = new Map(periods.map((p) => [p.id, p]));
  const periodsOfGrade = new Map<number, typeof periods>();
  for (const p of periods) periodsOfGrade.set(p.grade, [...(periodsOfGrade.get(p.grade) ?? []), p]);
  const workTypes = new Map(
    (raw.prepare('select id, name, weight from work_type').all() as { id: number; name: string; weight: number }[]).map((w) => [w.name, w]),
  );
  const wt = (name: string) => workTypes.get(name) ?? workTypes.get('Работа на уроке')!;
  const ordinaryTypes = [
    'Работа на уроке',
    'Работа на уроке',
    'Устный ответ',
    'Устный ответ',
    'Домашняя работа',
    'Самостоятельная работа',
    'Проверочная работа',
  ].map(wt);

  const enrollments = raw
    .prepare(
      `select e.student_id, e.class_id, e.start_date, e.end_date from enrollment e join class c on c.id = e.class_id
       where c.year_id = ? order by e.class_id, e.student_id, e.start_date`,
    )
    .all(yearId) as { student_id: number; class_id: number; start_date: string; end_date: string | null }[];
  const byClass = new Map<number, { student: number; from: string; to: string }[]>();
  for (const e of enrollments) {
    const list = byClass.get(e.class_id) ?? [];
    list.push({ student: e.student_id, from: e.start_date, to: e.end_date ?? year.end_date });
    byClass.set(e.class_id, list);
  }
  // group → student → the dates of their memberships (a student who changed subgroups has rows in both)
  const members = new Map<number, Map<number, { from: string; to: string }[]>>();
  for (const m of raw
    .prepare(
      'select gm.group_id, gm.student_id, gm.start_date, gm.end_date from group_member gm join study_group g on g.id = gm.group_id join class c on c.id = g.class_id where c.year_id = ?',
    )
    .all(yearId) as { group_id: number; student_id: number; start_date: string; end_date: string | null }[]) {
    const byStudent = members.get(m.group_id) ?? members.set(m.group_id, new Map()).get(m.group_id)!;
    const list = byStudent.get(m.student_id) ?? byStudent.set(m.student_id, []).get(m.student_id)!;
    list.push({ from: m.start_date, to: m.end_date ?? year.end_date });
  }
  const controlDays = new Set(
    (
      raw.prepare('select class_id, subject_id, date from control_work where year_id = ?').all(yearId) as {
        class_id: number;
        subject_id: number;
        date: string;
      }[]
    ).map((c) => `${c.class_id}:${c.subject_id}:${c.date}`),
  );

  const calendars = new Map<number, Uint8Array>();
  const calendar = (student: number) => {
    let c = calendars.get(student);
    if (!c) calendars.set(student, (c = absenceCalendar(hash32(seed, yearId), student, yearDays)));
    return c;
  };
  const ability = new Map<number, number>();
  const abilityIn = (student: number, subject: { id: number; name: string }) => {
    const key = student * 1000 + subject.id;
    let a = ability.get(key);
    if (a === undefined) ability.set(key, (a = subjectAbility(seed, student, subject.id, subject.name, studentAbility(seed, student))));
    return a;
  };
  /** Teachers who often fill the journal late. */
  const lateness = (staffId: number) => (hash32(seed, staffId, 4) % 100) / 100;
  /**
   * The current year's debts: four teachers behind with the journal of the open period (some of the last three weeks'
   * lessons not filled in, some without homework, control works not marked), as a control report expects to find.
   */
  const debtors = new Set(
    opts.now === undefined
      ? []
      : (
          raw
            .prepare(
              `select distinct coalesce(l.substitute_staff_id, l.staff_id) as id from lesson l join class c on c.id = l.class_id
               where c.year_id = ? and l.date <= ? and l.status = 'held'`,
            )
            .all(yearId, today) as { id: number }[]
        )
          .map((t) => t.id)
          .sort((a, b) => hash32(seed, a, 8) - hash32(seed, b, 8) || a - b)
          .slice(0, 4),
  );

  const updLesson = raw.prepare(
    'update lesson set topic = ?, homework = ?, work_kind = ?, entered_at = ?, topic_at = ?, homework_at = ? where id = ?',
  );
  const insMark = raw.prepare(
    'insert into mark(lesson_id, student_id, position, value, work_type_id, weight, entered_at, entered_by) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insCell = raw.prepare(
    'insert into journal_cell(lesson_id, student_id, absence, comment, entered_at, entered_by) values (?, ?, ?, ?, ?, ?)',
  );
  const insFinal = raw.prepare(
    'insert into final_mark(year_id, class_id, subject_id, student_id, kind, value, entered_at, entered_by) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insLock = raw.prepare(
    'insert into journal_lock(class_id, subject_id, group_id, kind, locked_at, locked_by) values (?, ?, ?, ?, ?, ?)',
  );
  const lessonsOf = raw.prepare(
    `select l.id, l.class_id, l.group_id, l.subject_id, coalesce(l.substitute_staff_id, l.staff_id) as teacher, l.date, l.lesson_number, l.period_id,
            l.topic, pt.kind as topic_kind
     from lesson l left join plan_topic pt on pt.id = l.plan_topic_id
     where l.class_id = ? and l.status = 'held' order by l.subject_id, l.group_id, l.date, l.lesson_number, l.id`,
  );

  const counts: JournalCounts = { year: year.name, lessons: 0, marks: 0, cells: 0, absences: 0, finalMarks: 0, locks: 0, unfilled: 0 };
  /** Per student, subject and period number: the weighted marks, and the pass/fail marks in order. */
  const periodMarks = new Map<number, { value: string; weight: number }[]>();
  const periodKey = (student: number, subject: number, period: number) => (student * 1000 + subject) * 10 + period;
  /** Journals (class, subject, group) with their teacher, for locks. */
  const journals: { classId: number; subjectId: number; groupId: number | null; teacher: string; teacherId: number }[] = [];

  const writeClass = raw.transaction((c: (typeof classes)[number]) => {
    const rows = lessonsOf.all(c.id) as LessonRow[];
    const enrolled = byClass.get(c.id) ?? [];
    const r = prng(hash32(seed, yearId, c.id, 5));
    let i = 0;
    while (i < rows.length) {
      let j = i;
      while (j < rows.length && rows[j].subject_id === rows[i].subject_id && rows[j].group_id === rows[i].group_id) j++;
      const lessons = rows.slice(i, j);
      i = j;
      const subject = subjectById.get(lessons[0].subject_id)!;
      const groupSet = lessons[0].group_id ? (members.get(lessons[0].group_id) ?? new Map<number, { from: string; to: string }[]>()) : null;
      const students = enrolled.filter((e) => !groupSet || groupSet.has(e.student));
      const inGroupOn = (student: number, date: string) => !groupSet || groupSet.get(student)!.some((m) => m.from <= date && date <= m.to);
      const pass = subject.grading === 'pass';
      const noMarks = taughtWithoutMarks(c.grade);
      const mainTeacher = lessons[0].teacher;
      journals.push({
        classId: c.id,
        subjectId: subject.id,
        groupId: lessons[0].group_id,
        teacher: staffName.get(mainTeacher) ?? '',
        teacherId: mainTeacher,
      });

      // Per period of the journal: cells in memory first, so that students with too few marks get more before writing.
      let k = 0;
      while (k < lessons.length) {
        let m = k;
        while (m < lessons.length && lessons[m].period_id === lessons[k].period_id) m++;
        const inPeriod = lessons.slice(k, m);
        const period = lessons[k].period_id ? periodById.get(lessons[k].period_id!) : undefined;
        /** The period is still going on today: no period mark yet, and its teachers may be behind. */
        const open = !period || period.end_date >= today;
        const marks: MarkOut[] = [];
        const cells: { lesson: number; student: number; absence: string | null; comment: string; at: string; by: string }[] = [];
        const markCount = new Map<number, number>();
        const presentNoMark = new Map<number, number[]>();
        const lessonMeta: { id: number; iso: string; by: string }[] = [];
        for (const [n, l] of inPeriod.entries()) {
          const index = k + n;
          const teacher = staffName.get(l.teacher) ?? '';
          const end = bellEnd.get(`${bellOf.get(c.id)}:${l.lesson_number}`) ?? '15:00';
          const endMs = Date.parse(`${l.date}T${end}:00${TZ}`);
          // A lesson still to come (or going on) at the demo's «now» is in the timetable and nothing more.
          if (endMs > nowMs) continue;
          const debt = open && debtors.has(l.teacher) && endMs > nowMs - 21 * DAY;
          // When the teacher typed the lesson: mostly during or right after it, sometimes days later.
          const late = lateness(l.teacher);
          const u = r();
          const delay =
            u < 0.8 - late * 0.3
              ? int(r, -25, 150) * 60_000
              : u < 0.95 - late * 0.1
                ? int(r, 5, 9) * 3_600_000
                : int(r, 1, late > 0.8 ? 12 : 5) * DAY + int(r, 0, 600) * 60_000;
          // A teacher behind with the journal has not filled in some of the recent lessons at all.
          const topicAt = debt && r() < 0.45 ? Number.POSITIVE_INFINITY : endMs + delay;
          if (topicAt > nowMs) {
            counts.unfilled++;
            continue;
          }
          const hwAt = topicAt + (r() < 0.9 ? int(r, 1, 5) * 60_000 : int(r, 2, 30) * 3_600_000);
          const control = l.topic_kind === 'control' || controlDays.has(`${c.id}:${l.subject_id}:${l.date}`);
          const kind = control ? 'control' : l.topic_kind;
          const topic = l.topic || extraTopic(subject.name, index);
          const planned = homework(subject.name, c.grade, index, kind, r);
          // Homework not written yet: it is typed later than «now», or forgotten by a teacher behind with the journal.
          const hw = hwAt > nowMs || (debt && r() < 0.5) ? '' : planned;
          const workKind = control
            ? 'контрольная работа'
            : kind === 'laboratory'
              ? 'лабораторная работа'
              : kind === 'practical'
                ? 'практическая работа'
                : '';
          const topicIso = new Date(topicAt).toISOString();
          lessonMeta.push({ id: l.id, iso: topicIso, by: teacher });
          updLesson.run(topic, hw, workKind, topicIso, topicIso, hw ? new Date(hwAt).toISOString() : null, l.id);
          counts.lessons++;

          const day = dayIndex(l.date);
          const intensity = 0.22 + r() * 0.3;
          const typeAll = control
            ? wt('Контрольная работа')
            : kind === 'laboratory'
              ? wt('Лабораторная работа')
              : kind === 'practical'
                ? wt('Практическая работа')
                : null;
          // Written works are checked later: within three days, a few after the deadline.
          // Not yet checked at «now»: the work's marks are not in (past the deadline, a debt of the control report).
          const checkedAt =
            control || kind === 'laboratory'
              ? debt && r() < 0.4
                ? Number.POSITIVE_INFINITY
                : endMs + (r() < 0.85 ? int(r, 1, 3) : int(r, 4, 7)) * DAY + int(r, 0, 300) * 60_000
              : topicAt;
          const unchecked = checkedAt > nowMs;
          const checkedIso = checkedAt === topicAt || checkedAt > nowMs ? topicIso : new Date(checkedAt).toISOString();
          const subjectDictation = subject.name === 'Русский язык' && !control && r() < 0.05 ? wt('Диктант') : null;
          for (const e of students) {
            if (l.date < e.from || l.date > e.to || !inGroupOn(e.student, l.date)) continue;
            const code = calendar(e.student)[day] ?? 0;
            let absence: string | null = code === 1 ? 'н' : code === 2 ? 'б' : code === 3 ? 'у' : null;
            // Single lessons missed: a late arrival, a skipped lesson, a trip to the doctor.
            if (!absence && r() < 0.012) absence = r() < 0.6 ? 'н' : 'у';
            if (absence) {
              let comment = '';
              // Sometimes a missed control work is written later: the mark goes into the lesson, the absence stays.
              // It is written at the first lesson of the subject the student attends afterwards.
              const back =
                control && !noMarks && r() < 0.25
                  ? lessons.find(
                      (x, at) =>
                        at > index &&
                        x.date > l.date &&
                        x.date <= e.to &&
                        inGroupOn(e.student, x.date) &&
                        !calendar(e.student)[dayIndex(x.date)],
                    )
                  : undefined;
              const when = back ? Date.parse(`${back.date}T14:30:00${TZ}`) : 0;
              if (back && when <= nowMs && !unchecked) {
                comment = `Пропуск по ${absence === 'б' ? 'болезни' : 'уважительной причине'}; работа написана ${ru(isoOf(when))}`;
                marks.push({
                  lesson: l.id,
                  student: e.student,
                  pos: 1,
                  value: markValue(pass, abilityIn(e.student, subject), -0.2, r),
                  type: typeAll!.id,
                  weight: typeAll!.weight,
                  at: new Date(when).toISOString(),
                  by: teacher,
                });
                markCount.set(e.student, (markCount.get(e.student) ?? 0) + 1);
              }
              cells.push({ lesson: l.id, student: e.student, absence, comment, at: topicIso, by: teacher });
              continue;
            }
            if (noMarks) continue;
            const type = typeAll ?? subjectDictation;
            const gets = type ? (control || subjectDictation ? 1 : r() < 0.75) : r() < intensity;
            if (!gets) {
              if (period) (presentNoMark.get(e.student) ?? presentNoMark.set(e.student, []).get(e.student)!).push(lessonMeta.length - 1);
              if (r() < 0.002)
                cells.push({
                  lesson: l.id,
                  student: e.student,
                  absence: null,
                  comment: pick(r, ['Не готов к уроку', 'Нет учебника', 'Отказался отвечать', 'Опоздание на 15 минут']),
                  at: topicIso,
                  by: teacher,
                });
              continue;
            }
            if (type && unchecked) continue;
            const t = type ?? ordinaryTypes[Math.floor(r() * ordinaryTypes.length)];
            const shift = control ? -0.25 : 0;
            marks.push({
              lesson: l.id,
              student: e.student,
              pos: 1,
              value: markValue(pass, abilityIn(e.student, subject), shift, r),
              type: t.id,
              weight: t.weight,
              at: type ? checkedIso : topicIso,
              by: teacher,
            });
            markCount.set(e.student, (markCount.get(e.student) ?? 0) + 1);
            // Two marks in a cell: an answer and a written piece, or homework checked on the same lesson.
            if (!type && r() < 0.07) {
              const t2 = ordinaryTypes[Math.floor(r() * ordinaryTypes.length)];
              marks.push({
                lesson: l.id,
                student: e.student,
                pos: 2,
                value: markValue(pass, abilityIn(e.student, subject), 0, r),
                type: t2.id,
                weight: t2.weight,
                at: topicIso,
                by: teacher,
              });
              markCount.set(e.student, (markCount.get(e.student) ?? 0) + 1);
            }
          }
        }
        // Teachers make sure everyone present has at least three marks for the period mark. In the open period they are
        // still at it: all but a few students (about 4 %) have their three so far.
        if (period && !noMarks)
          for (const e of students) {
            if (open && hash32(seed, e.student, 9) % 100 < 4) continue;
            let have = markCount.get(e.student) ?? 0;
            const free = presentNoMark.get(e.student) ?? [];
            while (have < 3 && free.length) {
              const x = lessonMeta[free.splice(Math.floor(r() * free.length), 1)[0]];
              const t = wt('Устный ответ');
              marks.push({
                lesson: x.id,
                student: e.student,
                pos: 1,
                value: markValue(pass, abilityIn(e.student, subject), 0, r),
                type: t.id,
                weight: t.weight,
                at: x.iso,
                by: x.by,
              });
              have++;
            }
          }
        for (const x of marks) {
          insMark.run(x.lesson, x.student, x.pos, x.value, x.type, x.weight, x.at, x.by);
          if (period) {
            const key = periodKey(x.student, subject.id, period.number);
            (periodMarks.get(key) ?? periodMarks.set(key, []).get(key)!).push({ value: x.value, weight: x.weight });
          }
        }
        for (const x of cells) {
          insCell.run(x.lesson, x.student, x.absence, x.comment, x.at, x.by);
          if (x.absence) counts.absences++;
        }
        if (audit) {
          const byCell = new Map<
            number,
            {
              lesson: number;
              student: number;
              marks: string[];
              types: number[];
              absence: string | null;
              comment: string;
              at: string;
            }
          >();
          const cellOf = (lesson: number, student: number, at: string) => {
            const key = lesson * 100_000 + student;
            let v = byCell.get(key);
            if (!v) byCell.set(key, (v = { lesson, student, marks: [], types: [], absence: null, comment: '', at }));
            return v;
          };
          for (const x of [...marks].sort((a, b) => a.pos - b.pos)) {
            const v = cellOf(x.lesson, x.student, x.at);
            v.marks.push(x.value);
            v.types.push(x.type);
          }
          for (const x of cells) Object.assign(cellOf(x.lesson, x.student, x.at), { absence: x.absence, comment: x.comment });
          const dateOf = new Map(inPeriod.map((l) => [l.id, l.date]));
          const teacherIdOf = new Map(inPeriod.map((l) => [l.id, l.teacher]));
          for (const v of [...byCell.values()].sort((a, b) =>
            a.at < b.at ? -1 : a.at > b.at ? 1 : a.lesson - b.lesson || a.student - b.student,
          ))
            audit(
              actorOf(teacherIdOf.get(v.lesson)!),
              {
                action: 'create',
                entity: 'journal_cell',
                entityId: v.lesson,
                classId: c.id,
                before: null,
                after: {
                  studentId: v.student,
                  date: dateOf.get(v.lesson),
                  text: formatCell({ marks: v.marks, absence: v.absence }),
                  comment: v.comment,
                  workTypes: v.types,
                },
              },
              v.at,
            );
        }
        counts.marks += marks.length;
        counts.cells += cells.length;
        k = m;
      }
    }
  });
  // A bigger page cache while the indexes of mark and journal_cell grow by hundreds of thousands of rows.
  const cacheBefore = raw.pragma('cache_size', { simple: true }) as number;
  raw.pragma('cache_size = -262144');
  try {
    for (const c of classes) writeClass(c);
  } finally {
    raw.pragma(`cache_size = ${cacheBefore}`);
  }

  // Period, year, exam and final marks, and the locks set with them.
  const writeFinals = raw.transaction(() => {
    const r = prng(hash32(seed, yearId, 6));
    // The teachers' own judgement near a rounding boundary (teacher-judgement.ts), from its own stream.
    const judgement = prng(hash32(seed, yearId, 9));
    const lastEnd = periods.reduce((a, p) => (p.end_date > a ? p.end_date : a), year.start_date);
    const subjectsOfClass = new Map<number, Set<number>>();
    for (const j of journals)
      (subjectsOfClass.get(j.classId) ?? subjectsOfClass.set(j.classId, new Set()).get(j.classId)!).add(j.subjectId);
    const teacherOf = new Map(journals.map((j) => [`${j.classId}:${j.subjectId}`, j]));
    for (const c of classes) {
      const ps = periodsOfGrade.get(c.grade) ?? [];
      const enrolled = byClass.get(c.id) ?? [];
      const at = (iso: string, ms = 0) => new Date(Date.parse(`${iso}T09:00:00Z`) + ms).toISOString();
      for (const subjectId of [...(subjectsOfClass.get(c.id) ?? [])].sort((a, b) => a - b)) {
        const subject = subjectById.get(subjectId)!;
        const pass = subject.grading === 'pass';
        const journal = teacherOf.get(`${c.id}:${subjectId}`);
        const by = journal?.teacher ?? '';
        const periodValues = new Map<number, string[]>();
        for (const p of ps) {
          // Only the periods over by today have their marks.
          if (p.end_date >= today) continue;
          const lockDay = isoOf(dayMs(p.end_date) - int(r, 0, 2) * DAY);
          for (const e of enrolled) {
            if (e.from > p.end_date || e.to < p.end_date) continue;
            const marks = periodMarks.get(periodKey(e.student, subjectId, p.number)) ?? [];
            const value = taughtWithoutMarks(c.grade)
              ? 'безотм'
              : marks.length < 3
                ? 'н/а'
                : pass
                  ? (suggestedPass(marks) ?? 'н/а')
                  : (teacherPeriodMark(marks, judgement) ?? 'н/а');
            const finalAt = at(lockDay, int(r, 0, 3600) * 1000);
            insFinal.run(yearId, c.id, subjectId, e.student, `p${p.number}`, value, finalAt, by);
            audit?.(
              actorOf(journal?.teacherId ?? -1),
              {
                action: 'create',
                entity: 'final_mark',
                entityId: e.student,
                classId: c.id,
                before: null,
                after: { subjectId, kind: `p${p.number}`, value },
              },
              finalAt,
            );
            counts.finalMarks++;
            (periodValues.get(e.student) ?? periodValues.set(e.student, []).get(e.student)!).push(value);
          }
        }
        // The year mark: the rounded mean of the period marks, once the last period is over.
        if (lastEnd >= today) continue;
        const yearDay = isoOf(dayMs(lastEnd) - int(r, 0, 1) * DAY);
        for (const e of enrolled) {
          if (e.from > lastEnd || e.to < lastEnd) continue;
          const values = periodValues.get(e.student) ?? [];
          const nums = values.filter((v) => /^[2-5]$/.test(v)).map(Number);
          const value = taughtWithoutMarks(c.grade)
            ? 'безотм'
            : pass
              ? values.includes('зач') && values[values.length - 1] !== 'незач'
                ? 'зач'
                : values.length
                  ? 'незач'
                  : 'н/а'
              : nums.length
                ? suggestedMark(nums.reduce((a, b) => a + b, 0) / nums.length)!
                : 'н/а';
          insFinal.run(yearId, c.id, subjectId, e.student, 'year', value, at(yearDay, int(r, 0, 3600) * 1000), by);
          counts.finalMarks++;
          if (c.grade !== 9 && c.grade !== 11) continue;
          // Exams: Russian and mathematics for everyone, two electives each in grade 9.
          const electives = new Set<string>();
          const er = prng(hash32(seed, e.student, yearId, 7));
          while (c.grade === 9 && electives.size < 2) electives.add(EXAM_ELECTIVES[Math.floor(er() * EXAM_ELECTIVES.length)]);
          const examined = subject.name === 'Русский язык' || subject.name === 'Алгебра' || electives.has(subject.name);
          let final = value;
          if (examined && /^[2-5]$/.test(value)) {
            const exam = String(Math.max(2, Math.min(5, Math.round(Number(value) + normal(er) * 0.6 - 0.1))));
            // Exams are in June: a demo living in early June has the year marks and not yet the exams or finals.
            if (Date.parse(at(isoOf(dayMs(lastEnd) + 32 * DAY))) > nowMs) continue;
            insFinal.run(yearId, c.id, subjectId, e.student, 'exam', exam, at(isoOf(dayMs(lastEnd) + 30 * DAY)), by);
            counts.finalMarks++;
            final = suggestedMark((Number(value) + Number(exam)) / 2)!;
          }
          if (Date.parse(at(isoOf(dayMs(lastEnd) + 32 * DAY))) > nowMs) continue;
          insFinal.run(yearId, c.id, subjectId, e.student, 'final', final, at(isoOf(dayMs(lastEnd) + 32 * DAY)), by);
          counts.finalMarks++;
        }
      }
    }
    for (const j of journals) {
      const c = classes.find((x) => x.id === j.classId)!;
      // A real school locks a period once its marks are in; the open period stays open.
      for (const p of (periodsOfGrade.get(c.grade) ?? []).filter((x) => x.end_date < today)) {
        insLock.run(j.classId, j.subjectId, j.groupId, `p${p.number}`, `${p.end_date}T10:00:00.000Z`, j.teacher);
        counts.locks++;
      }
      if (lastEnd >= today) continue;
      insLock.run(j.classId, j.subjectId, j.groupId, 'year', `${lastEnd}T11:00:00.000Z`, j.teacher);
      counts.locks++;
    }
  });
  writeFinals();
  // Attendance is taken at the lesson's first entry (the journal's write path does the same, issue 12 part 2).
  raw
    .prepare(
      `update lesson set attendance_at = (
         select min(t) from (
           select lesson.entered_at as t
           union all select min(m.entered_at) from mark m where m.lesson_id = lesson.id
           union all select min(j.entered_at) from journal_cell j where j.lesson_id = lesson.id
         ) where t is not null)
       where attendance_at is null and class_id in (select id from class where year_id = ?)`,
    )
    .run(yearId);
  return counts;
}

function pick<T>(r: Rng, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

function markValue(pass: boolean, a: number, shift: number, r: Rng): string {
  if (pass) return r() < 0.55 + (a - 2) * 0.22 ? 'зач' : 'незач';
  const v = Math.round(a + shift + normal(r) * 0.65);
  return String(Math.max(2, Math.min(5, v)));
}

/** The demo step: the journal of the demo year (and of the past years, when asked). */
export async function demoJournal(ctx: Ctx, f: Faker, s: DemoStructure, env: DemoEnv): Promise<void> {
  // ОРКСЭ in grade 4 is graded pass/fail in the demo school.
  const orkse = s.subjects.get('Основы религиозных культур и светской этики');
  if (orkse) {
    const row = await ctx.db.selectFrom('subject').selectAll().where('id', '=', orkse).executeTakeFirstOrThrow();
    await catalog.saveSubject(ctx, { id: row.id, name: row.name, short_name: row.short_name, component: row.component, grading: 'pass' });
  }
  // The demo school is in Omsk (its entry times are written on that clock, TZ above): lateness is judged there.
  env.raw
    .prepare(`insert into setting(key, value) values ('school.timeZone', ?) on conflict(key) do update set value = excluded.value`)
    .run(JSON.stringify(DEMO_TIME_ZONE));
  const seed = f.number.int({ min: 1, max: 2 ** 31 - 1 });
  const counts = fillYearJournal(env.raw, s.yearId, seed, { audited: true, now: env.nowMs });
  env.clock.at(env.nowMs);
  await mutate(ctx, (w) => w.audit({ action: 'demo.journal', entity: 'journal', after: counts }));
}
