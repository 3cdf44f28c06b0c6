import type { Selectable } from 'kysely';
import type { GuardianTable, StaffTable, StudentTable } from '../../db/schema';
import type { Ctx } from '../kernel/context';
import type { ImportKind } from '../contract/exchange';
import type { ExportColumn, ExportTable, ExportValue } from './table';

// The roster's tables (issue 16, part 1): students with their parents, staff, subjects and classes. Each is one
// description used three ways: the import's columns (titles the mapping step offers and recognises), the template
// (header and a sample row) and the export, whose file imports back unchanged (the round trip). The year's export
// (tables/people.ts) derives its students and staff from these columns and row builders.

export type RosterKind = ImportKind;

export interface RosterColumn extends ExportColumn {
  required?: boolean;
  /** Other titles people give this column, lower case. A `date` column is read from an Excel date, an Excel serial
   * number, «ДД.ММ.ГГГГ» or «ГГГГ-ММ-ДД». */
  aliases?: readonly string[];
  /** The template's sample value. */
  sample: string;
}

export const GUARDIAN_SLOTS = 2;
const GUARDIAN_PARTS: readonly [string, string, string][] = [
  ['relation', 'кем приходится', 'мать'],
  ['last_name', 'фамилия', 'Иванова'],
  ['first_name', 'имя', 'Мария'],
  ['middle_name', 'отчество', 'Петровна'],
  ['phone', 'телефон', '8 (3812) 55-12-34'],
  ['email', 'эл. почта', 'ivanova@example.ru'],
  ['address', 'адрес', '644001, г. Омск, ул. Ленина, д. 1, кв. 2'],
  ['workplace', 'место работы', 'ПАО «Омскшина»'],
];

function guardianColumns(): RosterColumn[] {
  const out: RosterColumn[] = [];
  for (let g = 1; g <= GUARDIAN_SLOTS; g++)
    for (const [k, t, sample] of GUARDIAN_PARTS)
      out.push({ key: `g${g}_${k}`, title: `Родитель ${g}: ${t}`, personal: true, sample: g === 1 ? sample : '' });
  return out;
}

export const STUDENT_COLUMNS: readonly RosterColumn[] = [
  { key: 'class', title: 'Класс', required: true, aliases: ['класс ученика'], sample: '5А' },
  { key: 'last_name', title: 'Фамилия', required: true, sample: 'Иванов' },
  { key: 'first_name', title: 'Имя', required: true, sample: 'Пётр' },
  { key: 'middle_name', title: 'Отчество', sample: 'Сергеевич' },
  {
    key: 'birth_date',
    title: 'Дата рождения',
    required: true,
    personal: true,
    type: 'date',
    aliases: ['д. р.', 'др'],
    sample: '14.03.2015',
  },
  { key: 'gender', title: 'Пол', required: true, sample: 'м' },
  { key: 'citizenship', title: 'Гражданство', personal: true, sample: 'Российская Федерация' },
  { key: 'snils', title: 'СНИЛС', personal: true, aliases: ['снилс ученика'], sample: '112-233-445 95' },
  { key: 'birth_cert_series', title: 'Серия свидетельства о рождении', personal: true, sample: 'I-КН' },
  { key: 'birth_cert_number', title: 'Номер свидетельства о рождении', personal: true, sample: '512345' },
  { key: 'passport_series', title: 'Серия паспорта', personal: true, sample: '' },
  { key: 'passport_number', title: 'Номер паспорта', personal: true, sample: '' },
  { key: 'passport_issued', title: 'Кем выдан паспорт', personal: true, sample: '' },
  { key: 'address_registered', title: 'Адрес регистрации', personal: true, sample: '644001, г. Омск, ул. Ленина, д. 1, кв. 2' },
  { key: 'address_temporary', title: 'Временная регистрация', personal: true, sample: '' },
  { key: 'address_actual', title: 'Фактический адрес', personal: true, sample: '644001, г. Омск, ул. Ленина, д. 1, кв. 2' },
  { key: 'phone', title: 'Телефон', personal: true, sample: '' },
  { key: 'health_group', title: 'Группа здоровья', personal: true, sample: 'II' },
  { key: 'pe_group', title: 'Физкультурная группа', personal: true, sample: 'основная' },
  { key: 'health_notes', title: 'Особенности здоровья', personal: true, sample: '' },
  { key: 'life_situation', title: 'Жизненная ситуация', personal: true, sample: '' },
  {
    key: 'personal_file_no',
    title: 'Номер личного дела',
    personal: true,
    aliases: ['№ личного дела', 'личное дело'],
    sample: 'А-17',
  },
  ...guardianColumns(),
];

export const STAFF_COLUMNS: readonly RosterColumn[] = [
  { key: 'last_name', title: 'Фамилия', required: true, sample: 'Смирнова' },
  { key: 'first_name', title: 'Имя', required: true, sample: 'Ольга' },
  { key: 'middle_name', title: 'Отчество', sample: 'Ивановна' },
  { key: 'position', title: 'Должность', required: true, sample: 'учитель математики' },
  { key: 'birth_date', title: 'Дата рождения', personal: true, type: 'date', sample: '02.10.1980' },
  { key: 'snils', title: 'СНИЛС', personal: true, sample: '112-233-445 95' },
  { key: 'phone', title: 'Телефон', personal: true, sample: '8 (913) 123-45-67' },
  { key: 'email', title: 'Эл. почта', personal: true, aliases: ['email', 'e-mail', 'электронная почта'], sample: 'smirnova@example.ru' },
];

export const SUBJECT_COLUMNS: readonly RosterColumn[] = [
  { key: 'name', title: 'Предмет', required: true, aliases: ['название', 'название предмета'], sample: 'Математика' },
  { key: 'short_name', title: 'Краткое название', aliases: ['сокращение'], sample: 'Матем.' },
  { key: 'component', title: 'Часть учебного плана', aliases: ['компонент'], sample: 'обязательная' },
  { key: 'grading', title: 'Оценивание', aliases: ['система оценивания'], sample: 'отметки' },
];

export const CLASS_COLUMNS: readonly RosterColumn[] = [
  { key: 'name', title: 'Класс', required: true, aliases: ['название класса'], sample: '5А' },
  { key: 'homeroom', title: 'Классный руководитель', aliases: ['кл. руководитель'], sample: 'Смирнова Ольга Ивановна' },
  { key: 'week_days', title: 'Учебных дней в неделю', aliases: ['дней в неделю'], type: 'number', sample: '5' },
  { key: 'shift', title: 'Смена', type: 'number', sample: '1' },
];

export const ROSTER_COLUMNS: Record<RosterKind, readonly RosterColumn[]> = {
  students: STUDENT_COLUMNS,
  staff: STAFF_COLUMNS,
  subjects: SUBJECT_COLUMNS,
  classes: CLASS_COLUMNS,
};

export const COMPONENT_WORDS: Record<string, 'federal' | 'school'> = {
  обязательная: 'federal',
  федеральный: 'federal',
  федеральная: 'federal',
  'формируемая участниками': 'school',
  школьный: 'school',
  школьная: 'school',
};
export const COMPONENT_TITLES = { federal: 'обязательная', school: 'формируемая участниками' } as const;
export const GRADING_WORDS: Record<string, 'five' | 'pass'> = {
  отметки: 'five',
  пятибалльная: 'five',
  'пятибалльная система': 'five',
  зачёт: 'pass',
  зачет: 'pass',
  безотметочное: 'pass',
};
export const GRADING_TITLES = { five: 'отметки', pass: 'зачёт' } as const;

type StudentRecord = Selectable<StudentTable>;
type GuardianRecord = Selectable<GuardianTable>;

/** Every student's parents, in the order they were entered. */
export async function guardiansByStudent(ctx: Ctx): Promise<Map<number, GuardianRecord[]>> {
  const guardians = await ctx.db.selectFrom('guardian').selectAll().orderBy('student_id').orderBy('id').execute();
  const byStudent = new Map<number, GuardianRecord[]>();
  for (const g of guardians) byStudent.set(g.student_id, [...(byStudent.get(g.student_id) ?? []), g]);
  return byStudent;
}

/** A student's row in STUDENT_COLUMNS: the class's name, the card and the first two parents. */
export function studentRow(s: StudentRecord, className: string, gs: readonly GuardianRecord[]): Record<string, ExportValue> {
  const out: Record<string, ExportValue> = {
    class: className,
    last_name: s.last_name,
    first_name: s.first_name,
    middle_name: s.middle_name,
    birth_date: s.birth_date,
    gender: s.gender,
    citizenship: s.citizenship,
    snils: s.snils ?? '',
    birth_cert_series: s.birth_cert_series,
    birth_cert_number: s.birth_cert_number,
    passport_series: s.passport_series,
    passport_number: s.passport_number,
    passport_issued: s.passport_issued,
    address_registered: s.address_registered,
    address_temporary: s.address_temporary,
    address_actual: s.address_actual,
    phone: s.phone,
    health_group: s.health_group,
    pe_group: s.pe_group,
    health_notes: s.health_notes,
    life_situation: s.life_situation,
    personal_file_no: s.personal_file_no,
  };
  for (let g = 1; g <= GUARDIAN_SLOTS; g++)
    for (const [k] of GUARDIAN_PARTS) out[`g${g}_${k}`] = gs[g - 1] ? String(gs[g - 1][k as keyof GuardianRecord]) : '';
  return out;
}

/** A staff member's row in STAFF_COLUMNS. */
export function staffRow(s: Selectable<StaffTable>): Record<string, ExportValue> {
  return {
    last_name: s.last_name,
    first_name: s.first_name,
    middle_name: s.middle_name,
    position: s.position,
    birth_date: s.birth_date ?? '',
    snils: s.snils ?? '',
    phone: s.phone,
    email: s.email,
  };
}

/** Students of the year's classes, each in the class they are (or were last) in that year, with two parents. */
async function studentRows(ctx: Ctx, yearId: number): Promise<Record<string, ExportValue>[]> {
  const rows = await ctx.db
    .selectFrom('enrollment')
    .innerJoin('class', 'class.id', 'enrollment.class_id')
    .innerJoin('student', 'student.id', 'enrollment.student_id')
    .selectAll('student')
    .select(['class.name as class_name', 'class.grade', 'class.letter', 'enrollment.start_date as e_start'])
    .where('class.year_id', '=', yearId)
    .orderBy('enrollment.start_date', 'desc')
    .orderBy('enrollment.id', 'desc')
    .execute();
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.id)) latest.set(r.id, r);
  const byStudent = await guardiansByStudent(ctx);
  const list = [...latest.values()].sort(
    (a, b) =>
      a.grade - b.grade ||
      a.letter.localeCompare(b.letter, 'ru') ||
      a.last_name.localeCompare(b.last_name, 'ru') ||
      a.first_name.localeCompare(b.first_name, 'ru') ||
      a.middle_name.localeCompare(b.middle_name, 'ru') ||
      a.birth_date.localeCompare(b.birth_date),
  );
  return list.map((s) => studentRow(s, s.class_name, byStudent.get(s.id) ?? []));
}

async function staffRows(ctx: Ctx): Promise<Record<string, ExportValue>[]> {
  const rows = await ctx.db
    .selectFrom('staff')
    .selectAll()
    .where('active', '=', 1)
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('middle_name')
    .execute();
  return rows.map(staffRow);
}

async function subjectRows(ctx: Ctx): Promise<Record<string, ExportValue>[]> {
  const rows = await ctx.db.selectFrom('subject').selectAll().orderBy('name').execute();
  return rows.map((s) => ({
    name: s.name,
    short_name: s.short_name,
    component: COMPONENT_TITLES[s.component],
    grading: GRADING_TITLES[s.grading],
  }));
}

async function classRows(ctx: Ctx, yearId: number): Promise<Record<string, ExportValue>[]> {
  const rows = await ctx.db
    .selectFrom('class')
    .leftJoin('staff', 'staff.id', 'class.homeroom_staff_id')
    .select(['class.name', 'class.week_days', 'class.shift', 'staff.last_name', 'staff.first_name', 'staff.middle_name'])
    .where('class.year_id', '=', yearId)
    .orderBy('class.grade')
    .orderBy('class.letter')
    .execute();
  return rows.map((c) => ({
    name: c.name,
    homeroom: c.last_name ? [c.last_name, c.first_name, c.middle_name].filter(Boolean).join(' ') : '',
    week_days: c.week_days,
    shift: c.shift,
  }));
}

export const ROSTER_TABLES: Record<RosterKind, ExportTable> = {
  students: { key: 'students', title: 'Ученики', columns: STUDENT_COLUMNS, rows: studentRows },
  staff: { key: 'staff', title: 'Сотрудники', columns: STAFF_COLUMNS, rows: (ctx) => staffRows(ctx) },
  subjects: { key: 'subjects', title: 'Предметы', columns: SUBJECT_COLUMNS, rows: (ctx) => subjectRows(ctx) },
  classes: { key: 'classes', title: 'Классы', columns: CLASS_COLUMNS, rows: classRows },
};
