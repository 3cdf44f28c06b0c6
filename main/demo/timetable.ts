import type { Faker } from '@faker-js/faker';
import { isAppError } from '../../db';
import type { TopicKind } from '../../db/schema';
import type { Ctx } from '../kernel/context';
import * as catalog from '../school/catalog';
import * as classes from '../school/classes';
import * as control from '../timetable/control-works';
import * as curriculum from '../timetable/curriculum';
import { generateLessons } from '../timetable/lessons';
import * as load from '../timetable/load';
import { curriculumYearHours, savePlanTopics, type TopicInput } from '../timetable/plans';
import * as subs from '../timetable/substitutions';
import * as timetable from '../timetable/timetable';
import { minutes } from '../timetable/conflicts';
import { prevDay } from '../contract/rules/dates';
import { buildTimetable, type RoomKind, type SchedClass, type Unit } from './scheduler';
import { demoInstant, inSchoolYear, weekdayFrom } from './calendar';
import type { DemoStructure } from './school';
import type { DemoEnv } from './steps';

// The demo school's curriculum (ФОП hours), teaching load, a conflict-free timetable for all
// classes with subgroups, the year's lessons with thematic plans on them, some substitutions and
// moved lessons, and the control-work schedule.

/** Weekly hours per grade (федеральная образовательная программа, five-day week; 10–11 six-day). */
export const DEMO_CURRICULUM: Record<number, Record<string, number>> = (() => {
  const primary = {
    'Русский язык': 5,
    'Литературное чтение': 4,
    Математика: 4,
    'Окружающий мир': 2,
    'Изобразительное искусство': 1,
    Музыка: 1,
    'Труд (технология)': 1,
    'Физическая культура': 2,
  };
  const eng = 'Иностранный язык (английский)';
  const senior = {
    'Русский язык': 2,
    Литература: 3,
    [eng]: 3,
    Алгебра: 4,
    Геометрия: 3,
    'Вероятность и статистика': 1,
    Информатика: 1,
    История: 2,
    Обществознание: 2,
    География: 1,
    Физика: 2,
    Химия: 1,
    Биология: 1,
    'Физическая культура': 2,
    'Основы безопасности и защиты Родины': 1,
    'Индивидуальный проект': 1,
  };
  return {
    1: primary,
    2: { ...primary, [eng]: 2 },
    3: { ...primary, [eng]: 2 },
    4: { ...primary, [eng]: 2, 'Основы религиозных культур и светской этики': 1 },
    5: {
      'Русский язык': 5,
      Литература: 3,
      [eng]: 3,
      Математика: 5,
      История: 2,
      География: 1,
      Биология: 1,
      'Изобразительное искусство': 1,
      Музыка: 1,
      'Труд (технология)': 2,
      'Физическая культура': 2,
      'Основы духовно-нравственной культуры народов России': 1,
    },
    6: {
      'Русский язык': 6,
      Литература: 3,
      [eng]: 3,
      Математика: 5,
      История: 2,
      Обществознание: 1,
      География: 1,
      Биология: 1,
      'Изобразительное искусство': 1,
      Музыка: 1,
      'Труд (технология)': 2,
      'Физическая культура': 2,
      'Основы духовно-нравственной культуры народов России': 1,
    },
    7: {
      'Русский язык': 4,
      Литература: 2,
      [eng]: 3,
      Алгебра: 3,
      Геометрия: 2,
      'Вероятность и статистика': 1,
      Информатика: 1,
      История: 2,
      Обществознание: 1,
      География: 2,
      Физика: 2,
      Биология: 1,
      'Изобразительное искусство': 1,
      Музыка: 1,
      'Труд (технология)': 2,
      'Физическая культура': 2,
    },
    8: {
      'Русский язык': 3,
      Литература: 2,
      [eng]: 3,
      Алгебра: 3,
      Геометрия: 2,
      'Вероятность и статистика': 1,
      Информатика: 1,
      История: 2,
      Обществознание: 1,
      География: 2,
      Физика: 2,
      Химия: 2,
      Биология: 2,
      Музыка: 1,
      'Труд (технология)': 1,
      'Основы безопасности и защиты Родины': 1,
      'Физическая культура': 2,
    },
    9: {
      'Русский язык': 3,
      Литература: 3,
      [eng]: 3,
      Алгебра: 3,
      Геометрия: 2,
      'Вероятность и статистика': 1,
      Информатика: 1,
      История: 2,
      Обществознание: 1,
      География: 2,
      Физика: 3,
      Химия: 2,
      Биология: 2,
      'Труд (технология)': 1,
      'Основы безопасности и защиты Родины': 1,
      'Физическая культура': 2,
      'Практикум по математике': 1,
    },
    10: senior,
    11: senior,
  };
})();

/** Subjects one teacher takes together in a class. */
const BUNDLES = [
  ['Русский язык', 'Литература'],
  ['Алгебра', 'Геометрия', 'Вероятность и статистика', 'Практикум по математике'],
  ['История', 'Обществознание', 'Основы духовно-нравственной культуры народов России'],
];

const SECTIONS: Record<string, string[]> = {
  'Русский язык': [
    'Повторение изученного',
    'Синтаксис и пунктуация',
    'Фонетика и орфоэпия',
    'Лексикология',
    'Морфемика и орфография',
    'Морфология',
    'Развитие речи',
  ],
  Литература: ['Мифы и фольклор', 'Литература XIX века', 'Литература XX века', 'Зарубежная литература', 'Внеклассное чтение'],
  'Литературное чтение': [
    'Устное народное творчество',
    'Произведения о детях',
    'Произведения о природе',
    'Сказки народов России',
    'Зарубежная литература',
  ],
  Математика: [
    'Натуральные числа и нуль',
    'Действия с натуральными числами',
    'Наглядная геометрия',
    'Обыкновенные дроби',
    'Десятичные дроби',
    'Решение текстовых задач',
  ],
  Алгебра: ['Выражения и их преобразования', 'Уравнения', 'Функции и графики', 'Степени и многочлены', 'Системы уравнений'],
  Геометрия: ['Начальные геометрические сведения', 'Треугольники', 'Параллельные прямые', 'Соотношения в треугольнике', 'Окружность'],
  Физика: [
    'Физика и методы изучения природы',
    'Механические явления',
    'Тепловые явления',
    'Электрические явления',
    'Электромагнитные явления',
  ],
  Химия: [
    'Первоначальные химические понятия',
    'Кислород и водород',
    'Вода и растворы',
    'Классы неорганических соединений',
    'Периодический закон',
  ],
  Биология: ['Биология — наука о живой природе', 'Клетка', 'Организмы', 'Растения и животные', 'Человек и его здоровье'],
  География: ['Географическое познание Земли', 'Изображения земной поверхности', 'Литосфера', 'Гидросфера и атмосфера', 'Биосфера'],
  История: ['Древний мир', 'Средние века', 'Новое время', 'История России'],
  'Иностранный язык (английский)': ['Знакомство', 'Моя семья', 'Школьная жизнь', 'Свободное время', 'Путешествия', 'Мир вокруг нас'],
  Информатика: ['Цифровая грамотность', 'Теоретические основы информатики', 'Алгоритмы и программирование', 'Информационные технологии'],
  'Окружающий мир': ['Человек и природа', 'Человек и общество', 'Правила безопасной жизни'],
};
const WITH_CONTROL = new Set([
  'Русский язык',
  'Математика',
  'Алгебра',
  'Геометрия',
  'Физика',
  'Химия',
  'Иностранный язык (английский)',
  'Литература',
  'История',
  'Биология',
  'География',
  'Информатика',
  'Окружающий мир',
  'Литературное чтение',
]);
const WITH_LAB = new Set(['Физика', 'Химия', 'Биология']);
const WITH_PRACTICE = new Set(['География', 'Информатика', 'Труд (технология)']);

/** A plan of exactly `total` hours: sections of topics, a control or lab/practical work in each, a review at the end. */
export function demoTopics(subject: string, grade: number, total: number): TopicInput[] {
  const sections = SECTIONS[subject] ?? ['Введение в предмет', 'Основные понятия', 'Практическое применение', 'Проектная деятельность'];
  const review = Math.max(1, Math.round(total * 0.06));
  const body = total - review;
  const perSection = sections.map((_, i) => Math.floor(body / sections.length) + (i < body % sections.length ? 1 : 0));
  const topics: TopicInput[] = [];
  let labs = 0;
  let controls = 0;
  const add = (title: string, kind: TopicKind, hours = 1) => topics.push({ position: topics.length + 1, title, hours, kind, homework: '' });
  sections.forEach((name, i) => {
    let left = perSection[i];
    if (left <= 0) return;
    const special: [string, TopicKind][] = [];
    if (WITH_LAB.has(subject) && left >= 4) special.push([`Лабораторная работа № ${++labs}. ${name}`, 'laboratory']);
    if (WITH_PRACTICE.has(subject) && left >= 4) special.push([`Практическая работа по разделу «${name}»`, 'practical']);
    if (subject === 'Биология' && i === 3 && left >= 5) special.push(['Экскурсия в природу: сезонные изменения', 'excursion']);
    if (subject === 'Окружающий мир' && i === 0 && left >= 5) special.push(['Экскурсия в парк: наблюдение за природой', 'excursion']);
    const withControl = WITH_CONTROL.has(subject) && left >= 3 && grade >= 2;
    let n = 0;
    while (left > (withControl ? 1 : 0) + special.length) {
      // Long sections get some two-hour topics so that plans read like real ones.
      const hours = left - (withControl ? 1 : 0) - special.length >= 6 && n % 3 === 2 ? 2 : 1;
      add(`${name}. Тема ${++n}`, 'ordinary', hours);
      left -= hours;
    }
    for (const [title, kind] of special) add(title, kind);
    if (withControl) add(`Контрольная работа № ${++controls} по разделу «${name}»`, 'control');
  });
  add('Повторение и обобщение изученного за год', 'ordinary', review);
  return topics;
}

interface DemoRooms {
  byNumber: Map<string, number>;
  kinds: { id: number; kind: RoomKind }[];
}

async function addRooms(ctx: Ctx): Promise<DemoRooms> {
  const extra: { number: string; name: string; capacity: number }[] = [
    { number: 'Малый спортзал', name: 'Малый спортивный зал', capacity: 30 },
    { number: 'Зал ритмики', name: 'Зал ритмики и хореографии', capacity: 30 },
    { number: '401', name: 'Кабинет информатики № 1', capacity: 16 },
    { number: '402', name: 'Кабинет информатики № 2', capacity: 16 },
    { number: '403', name: 'Мастерская (технический труд)', capacity: 16 },
    { number: '404', name: 'Мастерская (столярная)', capacity: 16 },
    { number: '405', name: 'Кабинет технологии (домоводство)', capacity: 16 },
    { number: '406', name: 'Кабинет технологии (кулинария)', capacity: 16 },
    ...['407', '408', '409', '410'].map((n) => ({ number: n, name: '', capacity: 32 })),
  ];
  for (const r of extra) await catalog.saveRoom(ctx, { id: null, ...r });
  const rooms = await catalog.listRooms(ctx);
  const byNumber = new Map(rooms.map((r) => [r.number, r.id]));
  const kindOf = (n: string): RoomKind | null =>
    ['Спортзал', 'Малый спортзал', 'Зал ритмики'].includes(n)
      ? 'gym'
      : ['401', '402'].includes(n)
        ? 'computer'
        : ['403', '404', '405', '406'].includes(n)
          ? 'workshop'
          : /^\d+$/.test(n)
            ? 'general'
            : null;
  return { byNumber, kinds: rooms.flatMap((r) => (kindOf(r.number) ? [{ id: r.id, kind: kindOf(r.number)! }] : [])) };
}

function roomKind(subject: string, grade: number): RoomKind {
  if (subject === 'Физическая культура') return 'gym';
  if (subject === 'Информатика') return 'computer';
  if (subject === 'Труд (технология)' && grade >= 5) return 'workshop';
  return 'general';
}

export async function demoTimetable(ctx: Ctx, f: Faker, s: DemoStructure, env: DemoEnv): Promise<void> {
  const yearId = s.yearId;
  const year = await ctx.db.selectFrom('academic_year').select(['start_date']).where('id', '=', yearId).executeTakeFirstOrThrow();
  const startYear = Number(year.start_date.slice(0, 4));
  const subjectId = (name: string) => s.subjects.get(name)!;
  const subjectName = new Map([...s.subjects].map(([n, id]) => [id, n]));

  // Qualifications from the staff's specialties.
  for (const p of s.staff)
    if (p.subjects.length) await load.setQualifications(ctx, { staffId: p.id, subjectIds: p.subjects.map(subjectId) });

  // Curriculum by grade; 5А studies mathematics in depth (a class's own hours).
  for (const [grade, hours] of Object.entries(DEMO_CURRICULUM))
    await curriculum.saveCurriculum(ctx, {
      yearId,
      grade: Number(grade),
      classId: null,
      periodNumber: null,
      entries: Object.entries(hours).map(([n, h]) => ({ subjectId: subjectId(n), hours: h })),
    });
  const deepMath = s.classIds.get('5А')!;
  await curriculum.saveCurriculum(ctx, {
    yearId,
    grade: 5,
    classId: deepMath,
    periodNumber: null,
    entries: [{ subjectId: subjectId('Математика'), hours: 6 }],
  });

  const rooms = await addRooms(ctx);
  const classRows = await classes.listClasses(ctx, yearId);
  const bellRows = await ctx.db.selectFrom('bell').selectAll().execute();
  const groupRows = await ctx.db
    .selectFrom('study_group')
    .select(['id', 'class_id', 'subject_id', 'name'])
    .where('kind', '=', 'subgroup')
    .orderBy('name')
    .execute();

  // Primary classes get a home room (first and second shift share them); subject teachers get theirs.
  const primaryRooms = ['101', '102', '103', '104', '105', '106', '107', '108', '109'].map((n) => rooms.byNumber.get(n)!);
  const homeRoom = new Map<number, number>();
  const teacherRoom = new Map<number, number>();
  let first = 0;
  let second = 0;
  for (const c of classRows.filter((x) => x.grade <= 4)) {
    const room = c.shift === 2 ? primaryRooms[second++ % primaryRooms.length] : primaryRooms[first++ % primaryRooms.length];
    homeRoom.set(c.id, room);
    if (c.homeroomStaffId) teacherRoom.set(c.homeroomStaffId, room);
    await classes.saveClass(ctx, {
      id: c.id,
      yearId,
      grade: c.grade,
      letter: c.letter,
      homeroom_staff_id: c.homeroomStaffId,
      bell_schedule_id: c.bellScheduleId,
      week_days: c.weekDays as 5 | 6,
      shift: c.shift,
      room_id: room,
    });
  }
  const pools: Record<RoomKind, number[]> = {
    general: rooms.kinds.filter((r) => r.kind === 'general' && !primaryRooms.includes(r.id)).map((r) => r.id),
    gym: rooms.kinds.filter((r) => r.kind === 'gym').map((r) => r.id),
    computer: rooms.kinds.filter((r) => r.kind === 'computer').map((r) => r.id),
    workshop: rooms.kinds.filter((r) => r.kind === 'workshop').map((r) => r.id),
  };
  const primaryTeachers = new Set(s.staff.filter((p) => p.position === 'Учитель начальных классов').map((p) => p.id));
  const specialists = s.staff.filter((p) => p.subjects.length && !primaryTeachers.has(p.id));
  for (const p of specialists) {
    const kind = p.subjects.includes('Физическая культура')
      ? 'gym'
      : p.subjects.includes('Информатика')
        ? 'computer'
        : p.subjects.includes('Труд (технология)')
          ? 'workshop'
          : 'general';
    const room = pools[kind].shift();
    if (room) teacherRoom.set(p.id, room);
  }

  // Teaching load: the homeroom teacher in grades 1–4, otherwise the least loaded specialist;
  // subgroups get two different teachers.
  const hoursOf = new Map<number, number>();
  const pick = (subjects: string[], exclude: number[] = []) => {
    const candidates = specialists.filter((p) => subjects.every((x) => p.subjects.includes(x)) && !exclude.includes(p.id));
    candidates.sort((a, b) => (hoursOf.get(a.id) ?? 0) - (hoursOf.get(b.id) ?? 0) || a.id - b.id);
    if (!candidates.length) throw new Error(`Нет учителя для ${subjects.join(', ')}`);
    return candidates[0].id;
  };
  const units: Unit[] = [];
  const loadRows: { staffId: number; classId: number; groupId: number | null; subjectId: number; hours: number }[] = [];
  for (const c of classRows) {
    const hours: Record<string, number> = { ...DEMO_CURRICULUM[c.grade], ...(c.id === deepMath ? { Математика: 6 } : {}) };
    const names = Object.keys(hours);
    const done = new Set<string>();
    for (const name of names) {
      if (done.has(name)) continue;
      const bundle = (BUNDLES.find((b) => b.includes(name)) ?? [name]).filter((n) => names.includes(n));
      bundle.forEach((n) => done.add(n));
      const groups = groupRows.filter((g) => g.class_id === c.id && g.subject_id === subjectId(name));
      const homeroom =
        c.grade <= 4 && c.homeroomStaffId && s.staff.find((p) => p.id === c.homeroomStaffId)?.subjects.includes(name)
          ? c.homeroomStaffId
          : null;
      const bundleHours = bundle.reduce((a, n) => a + hours[n], 0);
      if (groups.length >= 2) {
        const a = pick(bundle);
        hoursOf.set(a, (hoursOf.get(a) ?? 0) + bundleHours);
        const b = pick(bundle, [a]);
        hoursOf.set(b, (hoursOf.get(b) ?? 0) + bundleHours);
        for (const n of bundle) {
          const parts = groups.slice(0, 2).map((g, i) => ({ groupId: g.id, staffId: i === 0 ? a : b, roomKind: roomKind(n, c.grade) }));
          units.push({ classId: c.id, subjectId: subjectId(n), hours: hours[n], parts });
          for (const p of parts)
            loadRows.push({ staffId: p.staffId, classId: c.id, groupId: p.groupId, subjectId: subjectId(n), hours: hours[n] });
        }
        continue;
      }
      const teacher = homeroom ?? pick(bundle);
      hoursOf.set(teacher, (hoursOf.get(teacher) ?? 0) + bundleHours);
      for (const n of bundle) {
        units.push({
          classId: c.id,
          subjectId: subjectId(n),
          hours: hours[n],
          parts: [{ groupId: null, staffId: teacher, roomKind: roomKind(n, c.grade) }],
        });
        loadRows.push({ staffId: teacher, classId: c.id, groupId: null, subjectId: subjectId(n), hours: hours[n] });
      }
    }
  }
  for (const l of loadRows) await load.saveLoad(ctx, { id: null, yearId, ...l });

  // The timetable, built once and written as one version valid from the first school day.
  const schedClasses: SchedClass[] = classRows.map((c) => ({
    id: c.id,
    weekDays: c.weekDays,
    bells: bellRows
      .filter((b) => b.schedule_id === c.bellScheduleId)
      .map((b) => ({ number: b.lesson_number, start: minutes(b.start_time), end: minutes(b.end_time) })),
    homeRoomId: homeRoom.get(c.id) ?? null,
  }));
  const placed = buildTimetable(
    { classes: schedClasses, units, rooms: rooms.kinds, teacherRoom },
    f.number.int({ min: 1, max: 1_000_000 }),
  );
  const versionId = await timetable.saveVersion(ctx, {
    id: null,
    yearId,
    name: 'Основное расписание',
    valid_from: year.start_date,
    copyFrom: null,
  });
  await timetable.replaceClassSlots(
    ctx,
    versionId,
    placed.map((p) => ({
      class_id: p.classId,
      group_id: p.groupId,
      weekday: p.weekday,
      lesson_number: p.lessonNumber,
      subject_id: p.subjectId,
      staff_id: p.staffId,
      room_id: p.roomId,
    })),
  );

  // Thematic plans of exactly the curriculum's hours, before the lessons so that topics go on at once.
  for (const [grade, hours] of Object.entries(DEMO_CURRICULUM))
    for (const name of Object.keys(hours)) {
      const cur = await curriculumYearHours(ctx.db, yearId, subjectId(name), Number(grade), null);
      if (cur.hours > 0)
        await savePlanTopics(ctx, {
          yearId,
          subjectId: subjectId(name),
          grade: Number(grade),
          classId: null,
          name: `${name}, ${grade} класс`,
          topics: demoTopics(name, Number(grade), cur.hours),
          source: 'демонстрационная школа',
        });
    }
  const deep = await curriculumYearHours(ctx.db, yearId, subjectId('Математика'), 5, deepMath);
  await savePlanTopics(ctx, {
    yearId,
    subjectId: subjectId('Математика'),
    grade: 5,
    classId: deepMath,
    name: 'Математика, 5А (углублённое изучение)',
    topics: demoTopics('Математика', 5, deep.hours),
    source: 'демонстрационная школа',
  });

  await generateLessons(ctx, { yearId });

  // Some substitutions, cancellations and moves in the first half-year, up to today: each entered the day before its
  // lesson, on the audit clock.
  const setUp = env.clock.now();
  const last = inSchoolYear(startYear, '12-19');
  const lessons = await ctx.db
    .selectFrom('lesson')
    .select(['id', 'class_id', 'subject_id', 'staff_id', 'date', 'lesson_number', 'group_id'])
    .where('date', '>=', inSchoolYear(startYear, '10-06'))
    .where('date', '<=', last < env.today ? last : prevDay(env.today))
    .where('status', '=', 'held')
    .orderBy('id')
    .execute();
  const dayBefore = (date: string) => env.clock.at(demoInstant(date, '16:00') - 86_400_000);
  const qualifiedFor = (subject: number) => specialists.filter((p) => p.subjects.includes(subjectName.get(subject)!)).map((p) => p.id);
  const reasons = [
    'Болезнь учителя (больничный лист)',
    'Курсы повышения квалификации',
    'Участие в работе предметной комиссии ОГЭ',
    'Семейные обстоятельства (заявление)',
  ];
  let done = 0;
  for (let tries = 0; lessons.length && done < 40 && tries < 400; tries++) {
    const l = lessons[f.number.int({ min: 0, max: lessons.length - 1 })];
    const candidates = qualifiedFor(l.subject_id).filter((id) => id !== l.staff_id);
    if (!candidates.length) continue;
    dayBefore(l.date);
    try {
      await subs.substitute(ctx, {
        lessonId: l.id,
        staffId: candidates[f.number.int({ min: 0, max: candidates.length - 1 })],
        reason: reasons[done % reasons.length],
      });
      done++;
    } catch (e) {
      if (!isAppError(e)) throw e;
    }
  }
  for (let i = 0; lessons.length && i < 8; i++) {
    const l = lessons[f.number.int({ min: 0, max: lessons.length - 1 })];
    dayBefore(l.date);
    await subs
      .cancelLesson(ctx, { lessonId: l.id, reason: i % 2 ? 'Карантин в классе (приказ)' : 'Актированный день: мороз ниже −30 °C' })
      .catch((e) => {
        if (!isAppError(e)) throw e;
      });
  }
  let moved = 0;
  for (let tries = 0; lessons.length && moved < 6 && tries < 200; tries++) {
    const l = lessons[f.number.int({ min: 0, max: lessons.length - 1 })];
    const next = new Date(Date.parse(`${l.date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    if (next >= env.today) continue;
    dayBefore(l.date);
    try {
      await subs.moveLesson(ctx, {
        lessonId: l.id,
        date: next,
        lesson_number: 7,
        roomId: null,
        reason: 'Перенос по приказу: участие класса в районной олимпиаде',
      });
      moved++;
    } catch (e) {
      if (!isAppError(e)) throw e;
    }
  }

  env.clock.at(setUp);

  // The school's control-work schedule, made in August for the whole year: entry, half-year and final works in Russian
  // and mathematics, on the Tuesday and Thursday of the third week of September, of December and of May.
  const week = (monthDay: string) => {
    const tuesday = weekdayFrom(inSchoolYear(startYear, monthDay), 2);
    return [tuesday, weekdayFrom(tuesday, 4)];
  };
  const weeks = [
    { kind: 'Входная контрольная работа', days: week('09-14') },
    { kind: 'Полугодовая контрольная работа', days: week('12-14') },
    { kind: 'Итоговая контрольная работа', days: week('05-11') },
  ];
  for (const c of classRows.filter((x) => x.grade >= 2))
    for (const w of weeks) {
      await control.saveControlWork(ctx, {
        id: null,
        yearId,
        classId: c.id,
        subjectId: subjectId('Русский язык'),
        date: w.days[0],
        lesson_number: null,
        kind: w.kind,
        title: 'Диктант с грамматическим заданием',
      });
      await control.saveControlWork(ctx, {
        id: null,
        yearId,
        classId: c.id,
        subjectId: subjectId(c.grade <= 6 ? 'Математика' : 'Алгебра'),
        date: w.days[1],
        lesson_number: null,
        kind: w.kind,
        title: 'Контрольная работа в формате ВПР',
      });
    }
}
