import type { Faker } from '@faker-js/faker';
import type { Ctx } from '../kernel/context';
import type { Role } from '../contract/rules/roles';
import { makeSnils } from '../contract/rules/snils';
import * as bells from '../school/bells';
import * as catalog from '../school/catalog';
import * as classes from '../school/classes';
import * as groups from '../school/groups';
import * as movement from '../school/movement';
import * as school from '../school/school';
import * as staffSvc from '../school/staff';
import * as students from '../school/students';
import * as years from '../school/years';
import { demoCalendar, demoInstant, inSchoolYear, type DemoClock } from './calendar';
import { family, feminineSurname } from './names';
import { chance, isoBetween, pick } from './random';

// The demo school in the school year that contains the demo's «today», written through the same audited services people
// use.

export const SUBJECTS: readonly { name: string; short: string; component: 'federal' | 'school'; grades: [number, number] }[] = [
  { name: 'Русский язык', short: 'Рус. яз.', component: 'federal', grades: [1, 11] },
  { name: 'Литературное чтение', short: 'Лит. чт.', component: 'federal', grades: [1, 4] },
  { name: 'Литература', short: 'Лит-ра', component: 'federal', grades: [5, 11] },
  { name: 'Иностранный язык (английский)', short: 'Англ. яз.', component: 'federal', grades: [2, 11] },
  { name: 'Математика', short: 'Матем.', component: 'federal', grades: [1, 6] },
  { name: 'Алгебра', short: 'Алгебра', component: 'federal', grades: [7, 11] },
  { name: 'Геометрия', short: 'Геом.', component: 'federal', grades: [7, 11] },
  { name: 'Вероятность и статистика', short: 'Вер. и стат.', component: 'federal', grades: [7, 11] },
  { name: 'Информатика', short: 'Информ.', component: 'federal', grades: [7, 11] },
  { name: 'Окружающий мир', short: 'Окр. мир', component: 'federal', grades: [1, 4] },
  { name: 'Основы религиозных культур и светской этики', short: 'ОРКСЭ', component: 'federal', grades: [4, 4] },
  { name: 'Основы духовно-нравственной культуры народов России', short: 'ОДНКНР', component: 'federal', grades: [5, 6] },
  { name: 'История', short: 'История', component: 'federal', grades: [5, 11] },
  { name: 'Обществознание', short: 'Общест.', component: 'federal', grades: [6, 11] },
  { name: 'География', short: 'Геогр.', component: 'federal', grades: [5, 11] },
  { name: 'Биология', short: 'Биол.', component: 'federal', grades: [5, 11] },
  { name: 'Физика', short: 'Физика', component: 'federal', grades: [7, 11] },
  { name: 'Химия', short: 'Химия', component: 'federal', grades: [8, 11] },
  { name: 'Изобразительное искусство', short: 'ИЗО', component: 'federal', grades: [1, 7] },
  { name: 'Музыка', short: 'Музыка', component: 'federal', grades: [1, 8] },
  { name: 'Труд (технология)', short: 'Труд', component: 'federal', grades: [1, 9] },
  { name: 'Физическая культура', short: 'Физ-ра', component: 'federal', grades: [1, 11] },
  { name: 'Основы безопасности и защиты Родины', short: 'ОБЗР', component: 'federal', grades: [8, 11] },
  { name: 'Индивидуальный проект', short: 'Инд. проект', component: 'school', grades: [10, 11] },
  { name: 'Практикум по математике', short: 'Практ. матем.', component: 'school', grades: [9, 9] },
];

/** Subjects a teacher of each specialty teaches: the demo's teachers are named by these. */
const SPECIALTIES: readonly { position: string; subjects: string[]; count: number }[] = [
  { position: 'Учитель русского языка и литературы', subjects: ['Русский язык', 'Литература'], count: 8 },
  { position: 'Учитель английского языка', subjects: ['Иностранный язык (английский)'], count: 8 },
  {
    position: 'Учитель математики',
    subjects: ['Математика', 'Алгебра', 'Геометрия', 'Вероятность и статистика', 'Практикум по математике'],
    count: 7,
  },
  { position: 'Учитель информатики', subjects: ['Информатика', 'Индивидуальный проект'], count: 3 },
  {
    position: 'Учитель истории и обществознания',
    subjects: ['История', 'Обществознание', 'Основы духовно-нравственной культуры народов России'],
    count: 4,
  },
  { position: 'Учитель географии', subjects: ['География'], count: 2 },
  { position: 'Учитель биологии', subjects: ['Биология'], count: 2 },
  { position: 'Учитель физики', subjects: ['Физика'], count: 2 },
  { position: 'Учитель химии', subjects: ['Химия'], count: 2 },
  { position: 'Учитель изобразительного искусства', subjects: ['Изобразительное искусство'], count: 1 },
  { position: 'Учитель музыки', subjects: ['Музыка'], count: 2 },
  { position: 'Учитель труда (технологии)', subjects: ['Труд (технология)'], count: 4 },
  { position: 'Учитель физической культуры', subjects: ['Физическая культура'], count: 5 },
  { position: 'Преподаватель-организатор ОБЗР', subjects: ['Основы безопасности и защиты Родины'], count: 1 },
];

/** Letters per grade: 43 classes, about 1100 students. */
export const LETTERS: Record<number, string[]> = {
  1: ['А', 'Б', 'В', 'Г', 'Д'],
  2: ['А', 'Б', 'В', 'Г', 'Д'],
  3: ['А', 'Б', 'В', 'Г'],
  4: ['А', 'Б', 'В', 'Г'],
  5: ['А', 'Б', 'В', 'Г', 'Д'],
  6: ['А', 'Б', 'В', 'Г'],
  7: ['А', 'Б', 'В', 'Г'],
  8: ['А', 'Б', 'В', 'Г'],
  9: ['А', 'Б', 'В', 'Г'],
  10: ['А', 'Б'],
  11: ['А', 'Б'],
};

export interface DemoPerson {
  id: number;
  last_name: string;
  first_name: string;
  middle_name: string;
  position: string;
  subjects: string[];
}

export interface DemoStructure {
  yearId: number;
  subjects: Map<string, number>;
  staff: DemoPerson[];
  classIds: Map<string, number>;
  /** login → roles and staff id, for the demo's accounts. */
  accounts: { login: string; displayName: string; staffId: number | null; roles: Role[] }[];
}

async function addStaff(ctx: Ctx, f: Faker, snils: () => string, position: string, subjects: string[]): Promise<DemoPerson> {
  const female = chance(f, 0.8);
  const fam = family(f);
  const p = {
    last_name: female ? feminineSurname(fam.surnameM) : fam.surnameM,
    first_name: f.person.firstName(female ? 'female' : 'male'),
    middle_name: female ? fam.father[2] : fam.father[1],
    position,
    birth_date: isoBetween(f, '1962-01-01', '2000-12-31'),
    snils: snils(),
    phone: f.phone.number({ style: 'national' }),
    email: '',
    active: true,
  };
  const id = await staffSvc.saveStaff(ctx, p);
  return { id, ...p, subjects };
}

/** When the structure is made: the school year's first calendar year, the demo's today, and its audit clock. */
export interface DemoWhen {
  startYear: number;
  today: string;
  clock: DemoClock;
}

export async function createDemoStructure(ctx: Ctx, f: Faker, studentsTarget: number, when: DemoWhen): Promise<DemoStructure> {
  const startYear = when.startYear;
  const usedSnils = new Set<number>();
  const snils = () => {
    let n: number;
    do n = f.number.int({ min: 100_000_000, max: 199_999_999 });
    while (usedSnils.has(n));
    usedSnils.add(n);
    return makeSnils(n);
  };

  await school.saveSchool(ctx, {
    full_name: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 17»',
    short_name: 'МБОУ «СОШ № 17»',
    address: '644043, г. Омск, ул. Фрунзе, д. 21',
    director_name: '',
    phone: '+7 (3812) 24-17-17',
    email: 'school17@example.ru',
    inn: '5503012345',
  });
  const cal = demoCalendar(startYear);
  const yearId = await years.saveYear(ctx, { id: null, ...cal.year });

  // Holidays first: the gaps between periods must be covered by them.
  for (const h of cal.holidays) await years.saveHoliday(ctx, { id: null, yearId, ...h });
  await years.saveScheme(ctx, {
    id: null,
    yearId,
    name: 'Четверти',
    kind: 'quarter',
    grades: [1, 2, 3, 4, 5, 6, 7, 8, 9],
    periods: cal.quarters,
  });
  await years.saveScheme(ctx, { id: null, yearId, name: 'Полугодия', kind: 'half', grades: [10, 11], periods: cal.halves });

  const times = (start: number, minutes: number, breaks: number[]) => {
    let t = start;
    return breaks.map((brk, i) => {
      const s = t;
      const e = s + minutes;
      t = e + brk;
      const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      return { lesson_number: i + 1, start_time: hm(s), end_time: hm(e) };
    });
  };
  const first = await bells.saveBellSchedule(ctx, {
    id: null,
    yearId,
    name: 'Первая смена',
    shift: 1,
    bells: times(8 * 60, 40, [10, 20, 20, 10, 10, 10, 10, 0]),
  });
  const second = await bells.saveBellSchedule(ctx, {
    id: null,
    yearId,
    name: 'Вторая смена',
    shift: 2,
    bells: times(13 * 60 + 30, 40, [10, 20, 10, 10, 10, 0]),
  });
  const gradeOne = await bells.saveBellSchedule(ctx, {
    id: null,
    yearId,
    name: 'Первые классы (ступенчатый режим)',
    shift: 1,
    bells: times(8 * 60 + 30, 35, [25, 40, 10, 0]),
  });

  const subjects = new Map<string, number>();
  for (const s of SUBJECTS)
    subjects.set(
      s.name,
      await catalog.saveSubject(ctx, { id: null, name: s.name, short_name: s.short, component: s.component, grading: 'five' }),
    );

  for (let floor = 1; floor <= 3; floor++)
    for (let n = 1; n <= 16; n++)
      await catalog.saveRoom(ctx, { id: null, number: `${floor}${String(n).padStart(2, '0')}`, name: '', capacity: 32 });
  await catalog.saveRoom(ctx, { id: null, number: 'Спортзал', name: 'Спортивный зал', capacity: 60 });
  await catalog.saveRoom(ctx, { id: null, number: 'Актовый зал', name: 'Актовый зал', capacity: 200 });

  const director = await addStaff(ctx, f, snils, 'Директор', []);
  const info = (await school.getSchool(ctx))!;
  await school.saveSchool(ctx, {
    full_name: info.fullName,
    short_name: info.shortName,
    address: info.address,
    director_name: `${director.last_name} ${director.first_name} ${director.middle_name}`,
    phone: info.phone,
    email: info.email,
    inn: info.inn,
  });
  const deputy = await addStaff(ctx, f, snils, 'Заместитель директора по учебно-воспитательной работе', []);
  await addStaff(ctx, f, snils, 'Заместитель директора по воспитательной работе', []);
  const secretary = await addStaff(ctx, f, snils, 'Делопроизводитель', []);
  await addStaff(ctx, f, snils, 'Социальный педагог', []);
  await addStaff(ctx, f, snils, 'Педагог-психолог', []);
  await addStaff(ctx, f, snils, 'Педагог-библиотекарь', []);
  const sysadmin = await addStaff(ctx, f, snils, 'Инженер-программист (администратор журнала)', []);

  const primaryCount = [1, 2, 3, 4].reduce((n, g) => n + LETTERS[g].length, 0);
  const primary: DemoPerson[] = [];
  for (let i = 0; i < primaryCount; i++)
    primary.push(
      await addStaff(ctx, f, snils, 'Учитель начальных классов', [
        'Русский язык',
        'Литературное чтение',
        'Математика',
        'Окружающий мир',
        'Изобразительное искусство',
        'Труд (технология)',
        'Основы религиозных культур и светской этики',
      ]),
    );
  const subjectTeachers: DemoPerson[] = [];
  for (const sp of SPECIALTIES)
    for (let i = 0; i < sp.count; i++) subjectTeachers.push(await addStaff(ctx, f, snils, sp.position, sp.subjects));

  const classIds = new Map<string, number>();
  const homerooms: DemoPerson[] = [];
  let p = 0;
  let s = 0;
  for (let grade = 1; grade <= 11; grade++)
    for (const letter of LETTERS[grade]) {
      const homeroom = grade <= 4 ? primary[p++] : subjectTeachers[s++ % subjectTeachers.length];
      homerooms.push(homeroom);
      const shift = grade === 2 || grade === 3 ? 2 : 1;
      const id = await classes.saveClass(ctx, {
        id: null,
        yearId,
        grade,
        letter,
        homeroom_staff_id: homeroom.id,
        bell_schedule_id: grade === 1 ? gradeOne : shift === 2 ? second : first,
        week_days: grade <= 4 ? 5 : grade <= 9 ? 5 : 6,
        shift,
        room_id: null,
      });
      classIds.set(`${grade}${letter}`, id);
    }

  const staff = [director, deputy, secretary, sysadmin, ...primary, ...subjectTeachers];
  const teacherAccounts = [...primary, ...subjectTeachers].map((t, i) => ({
    login: `teacher${String(i + 1).padStart(2, '0')}`,
    displayName: `${t.last_name} ${t.first_name[0]}. ${t.middle_name[0]}.`,
    staffId: t.id,
    roles: (homerooms.some((h) => h.id === t.id) ? ['teacher', 'homeroom'] : ['teacher']) as Role[],
  }));
  const accounts = [
    {
      login: 'admin',
      displayName: `${sysadmin.last_name} ${sysadmin.first_name[0]}. ${sysadmin.middle_name[0]}.`,
      staffId: sysadmin.id,
      roles: ['admin'] as Role[],
    },
    {
      login: 'director',
      displayName: `${director.last_name} ${director.first_name[0]}. ${director.middle_name[0]}.`,
      staffId: director.id,
      roles: ['director'] as Role[],
    },
    {
      login: 'zavuch',
      displayName: `${deputy.last_name} ${deputy.first_name[0]}. ${deputy.middle_name[0]}.`,
      staffId: deputy.id,
      roles: ['deputy'] as Role[],
    },
    {
      login: 'office',
      displayName: `${secretary.last_name} ${secretary.first_name[0]}. ${secretary.middle_name[0]}.`,
      staffId: secretary.id,
      roles: ['office'] as Role[],
    },
    ...teacherAccounts,
  ];

  await createDemoStudents(ctx, f, when, classIds, subjects, studentsTarget);
  return { yearId, subjects, staff, classIds, accounts };
}

const STREETS = [
  'ул. Ленина',
  'ул. Фрунзе',
  'ул. Маяковского',
  'ул. Гагарина',
  'пр. Мира',
  'ул. Красный Путь',
  'ул. 10 лет Октября',
  'ул. Декабристов',
];

async function createDemoStudents(
  ctx: Ctx,
  f: Faker,
  when: DemoWhen,
  classIds: Map<string, number>,
  subjects: Map<string, number>,
  target: number,
) {
  const y0 = when.startYear;
  const yearStart = `${y0}-09-01`;
  const names = [...classIds.keys()];
  const perClass = Math.max(1, Math.round(target / names.length));
  let certNo = 500_000;
  let fileNo = 1;
  const usedSnils = new Set<number>();
  const roster = new Map<string, number[]>();
  for (const [className, classId] of classIds) {
    const grade = Number(className.slice(0, -1));
    const n = Math.max(1, perClass + f.number.int({ min: -3, max: 3 }));
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const female = chance(f, 0.5);
      const fam = family(f);
      const motherFirst = f.person.firstName('female');
      const motherMiddle = pick(f, [
        'Александровна',
        'Сергеевна',
        'Викторовна',
        'Николаевна',
        'Владимировна',
        'Андреевна',
        'Юрьевна',
        'Игоревна',
      ]);
      const address = `644${String(f.number.int({ min: 1, max: 99 })).padStart(3, '0')}, г. Омск, ${pick(f, STREETS)}, д. ${f.number.int({ min: 1, max: 120 })}, кв. ${f.number.int({ min: 1, max: 200 })}`;
      const birthYear = y0 - 6 - grade;
      let sn: number;
      do sn = f.number.int({ min: 200_000_000, max: 299_999_999 });
      while (usedSnils.has(sn));
      usedSnils.add(sn);
      const guardians = [
        {
          relation: 'мать',
          last_name: feminineSurname(fam.surnameM),
          first_name: motherFirst,
          middle_name: motherMiddle,
          phone: f.phone.number({ style: 'national' }),
          email: '',
          address,
          workplace: pick(f, [
            'ПАО «Омскшина»',
            'БУЗОО «ГКБ № 1»',
            'ИП',
            'АО «Газпромнефть-ОНПЗ»',
            'МБДОУ «Детский сад № 5»',
            'не работает',
          ]),
        },
      ];
      if (chance(f, 0.8))
        guardians.push({
          relation: 'отец',
          last_name: fam.surnameM,
          first_name: fam.father[0],
          middle_name: pick(f, ['Петрович', 'Иванович', 'Сергеевич', 'Николаевич', 'Александрович']),
          phone: f.phone.number({ style: 'national' }),
          email: '',
          address,
          workplace: pick(f, ['ООО «Сибтранс»', 'ОАО «РЖД»', 'ИП', 'АО «ОмскВодоканал»', 'ФГУП «Омское ПО «Иртыш»']),
        });
      const id = await students.createStudent(ctx, {
        classId,
        date: yearStart,
        order_number: grade === 1 ? `112-у от 29.08.${y0}` : `98-у от 25.06.${y0}`,
        guardians,
        student: {
          last_name: female ? feminineSurname(fam.surnameM) : fam.surnameM,
          first_name: f.person.firstName(female ? 'female' : 'male'),
          middle_name: female ? fam.father[2] : fam.father[1],
          birth_date: isoBetween(f, `${birthYear - 1}-09-01`, `${birthYear}-08-31`),
          gender: female ? 'ж' : 'м',
          citizenship: 'Российская Федерация',
          snils: makeSnils(sn),
          birth_cert_series: `I-КН`,
          birth_cert_number: String(certNo++),
          passport_series: grade >= 8 ? `52 ${f.number.int({ min: 10, max: 24 })}` : '',
          passport_number: grade >= 8 ? String(f.number.int({ min: 100000, max: 999999 })) : '',
          passport_issued: grade >= 8 ? 'УМВД России по Омской области' : '',
          address_registered: address,
          address_temporary: '',
          address_actual: address,
          phone: grade >= 5 ? f.phone.number({ style: 'national' }) : '',
          health_group: pick(f, ['I', 'II', 'II', 'II', 'III']),
          pe_group: pick(f, ['основная', 'основная', 'основная', 'подготовительная', 'специальная']),
          health_notes: '',
          life_situation: chance(f, 0.05) ? pick(f, ['многодетная семья', 'неполная семья', 'опека']) : '',
          personal_file_no: `${className[className.length - 1]}-${fileNo++}`,
        },
      });
      ids.push(id);
    }
    roster.set(className, ids);
  }

  // Subgroups: English from grade 2, Труд and Информатика from grade 5, split in halves, members from the year's start.
  const subgroupsOf = new Map<string, number[][]>(); // class → per split subject, its subgroups' ids
  for (const [className, ids] of roster) {
    const grade = Number(className.slice(0, -1));
    const split: string[] = [];
    if (grade >= 2) split.push('Иностранный язык (английский)');
    if (grade >= 5 && grade <= 9) split.push('Труд (технология)');
    if (grade >= 7) split.push('Информатика');
    for (const subject of split) {
      const half = Math.ceil(ids.length / 2);
      const made: number[] = [];
      for (const [k, part] of [ids.slice(0, half), ids.slice(half)].entries())
        made.push(
          await groups.saveGroup(ctx, {
            id: null,
            classId: classIds.get(className)!,
            subjectId: subjects.get(subject)!,
            name: `${subject.split(' ')[0]} — ${k + 1} подгруппа`,
            kind: 'subgroup',
            studentIds: part,
            date: yearStart,
          }),
        );
      subgroupsOf.set(className, [...(subgroupsOf.get(className) ?? []), made]);
    }
  }

  // A few transfers and withdrawals during the year (those up to today), each entered on its order's day, three days
  // before it takes effect.
  const all = [...roster.entries()];
  const setUp = when.clock.now();
  const dated = (monthDay: string) => {
    const date = inSchoolYear(y0, monthDay);
    const order = new Date(Date.parse(`${date}T00:00:00Z`) - 3 * 86_400_000).toISOString().slice(0, 10);
    return { date, order, ordered: `${order.slice(8, 10)}.${order.slice(5, 7)}.${order.slice(0, 4)}` };
  };
  const moves = [
    { from: 3, day: '10-13', no: 141 },
    { from: 7, day: '11-10', no: 152 },
    { from: 12, day: '01-12', no: 3 },
    { from: 20, day: '01-19', no: 7 },
    { from: 25, day: '02-02', no: 15 },
  ];
  for (const m of moves) {
    const d = dated(m.day);
    if (d.order > when.today) continue;
    const [fromName, ids] = all[m.from % all.length];
    const grade = fromName.slice(0, -1);
    const target = all.find(([n]) => n.slice(0, -1) === grade && n !== fromName);
    if (!target) continue;
    // The student joins the new class's second subgroup of every split subject, so that those journals have them.
    const groupIds = (subgroupsOf.get(target[0]) ?? []).map((pair) => pair[pair.length - 1]);
    when.clock.at(demoInstant(d.order, '10:00'));
    await movement.transferStudent(ctx, {
      studentId: ids[ids.length - 1],
      toClassId: classIds.get(target[0])!,
      date: d.date,
      order_number: `${m.no}-у от ${d.ordered}`,
      reason: 'Заявление родителей',
      groupIds,
    });
  }
  const leaves = [
    { from: 5, day: '12-15', no: 171, reason: 'Переезд в другой город (г. Новосибирск), справка о зачислении получена' },
    { from: 15, day: '12-22', no: 176, reason: 'Перевод в МБОУ «Лицей № 64»' },
    { from: 30, day: '02-16', no: 22, reason: 'Переезд в Омский район' },
    { from: 38, day: '03-02', no: 31, reason: 'Перевод на семейное образование' },
  ];
  for (const l of leaves) {
    const d = dated(l.day);
    if (d.order > when.today) continue;
    const [, ids] = all[l.from % all.length];
    when.clock.at(demoInstant(d.order, '10:30'));
    await movement.withdrawStudent(ctx, { studentId: ids[0], date: d.date, order_number: `${l.no}-у от ${d.ordered}`, reason: l.reason });
  }
  when.clock.at(setUp);
}
