import { AppError } from '../../db/index';
import { can, requirePermission, type Ctx } from '../kernel/context';
import { inTransaction, mutate, type Trx } from '../kernel/mutate';
import { invalid } from '../kernel/invalid';
import type { Db } from '../../db/index';
import { guardianFields, schoolSchemas, studentFields } from '../contract/school';
import type { ImportKind, ImportPreview, ImportResult, ImportRow } from '../contract/exchange';
import { IMPORT_KIND_NAMES } from '../contract/exchange';
import { isIsoDate, ru } from '../contract/rules/dates';
import { formatSnils, normalizeSnils } from '../contract/rules/snils';
import { plural, type PluralForms } from '../contract/rules/plural';
import { ruNumber } from '../contract/rules/numbers';
import { currentYearId } from '../school/personal-checks';
import { schoolToday } from '../kernel/school-clock';
import { createStudent, updateStudent } from '../school/students';
import { arriveStudent, transferStudent } from '../school/movement';
import { saveStaff } from '../school/staff';
import { saveSubject } from '../school/catalog';
import { saveClass } from '../school/classes';
import { getYear } from '../school/years';
import { classNameKey, classNotFound } from '../school/class-lookup';
import { readSheet, type Sheet, type SheetRow } from './read';
import { COMPONENT_WORDS, GRADING_WORDS, GUARDIAN_SLOTS, ROSTER_COLUMNS, ROSTER_TABLES, type RosterColumn } from './roster-tables';
import { writeTable } from './writers';
import type { z } from 'zod';

// The roster import (issue 16, part 1): a file is read (read.ts), its columns mapped to the roster's fields, every row
// checked by the rules the screens apply (the contract's zod schemas: SNILS checksum, dates, names; the services'
// duplicate rules) and matched to who is already there (personal-file number, SNILS, or name and birth date). Saving
// runs the screens' own services for every row inside one `mutate`: all rows with their audit rows, or nothing.

type Values = Record<string, string>;
type Apply = (ctx: Ctx) => Promise<'create' | 'update'>;
interface Planned {
  preview: ImportPreview;
  apply: Apply[];
}

const MAPPING_KEY = (kind: ImportKind) => `exchange.mapping.${kind}`;

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .replace(/[.:*]+$/, '');

const personKey = (...parts: string[]) => parts.map(norm).join('|');

/** A date as the file wrote it: an Excel date or serial number, «ДД.ММ.ГГГГ», «ГГГГ-ММ-ДД»; anything else unchanged. */
export function fileDate(s: string): string {
  const v = s.trim();
  if (/^\d{4}-\d{2}-\d{2}([T ].*)?$/.test(v)) return v.slice(0, 10);
  const m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})(\s.*)?$/.exec(v);
  if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  // An Excel serial day: 1 = 01.01.1900, with Excel's false 29.02.1900 (60) counted.
  if (/^\d{1,6}(\.\d+)?$/.test(v)) {
    const n = Math.floor(Number(v));
    if (n >= 1 && n < 2_958_466) {
      const base = n >= 61 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
      return new Date(base + n * 86_400_000).toISOString().slice(0, 10);
    }
  }
  return v;
}

function headerMatches(col: RosterColumn, header: string): boolean {
  const h = norm(header);
  return h === norm(col.title) || (col.aliases ?? []).some((a) => norm(a) === h) || h === col.key;
}

async function rememberedMapping(db: Db | Trx, kind: ImportKind): Promise<Record<string, string> | null> {
  const r = await db.selectFrom('setting').select('value').where('key', '=', MAPPING_KEY(kind)).executeTakeFirst();
  if (!r) return null;
  try {
    return JSON.parse(r.value) as Record<string, string>;
  } catch {
    return null;
  }
}

/** The mapping to use: the one sent, else the last one remembered (by column title), else the titles recognised. */
async function resolveMapping(
  ctx: Ctx,
  kind: ImportKind,
  headers: string[],
  sent: Record<string, number | null> | undefined,
): Promise<{ mapping: Record<string, number | null>; remembered: boolean }> {
  const cols = ROSTER_COLUMNS[kind];
  const mapping: Record<string, number | null> = {};
  if (sent) {
    for (const key of Object.keys(sent))
      if (!cols.some((c) => c.key === key)) invalid(`Неизвестное поле «${key}» в сопоставлении столбцов`);
    for (const c of cols) {
      const i = sent[c.key];
      if (i !== undefined && i !== null && i >= headers.length)
        invalid(`Для поля «${c.title}» выбран столбец ${i + 1}, а в файле их ${headers.length}`);
      mapping[c.key] = i ?? null;
    }
    return { mapping, remembered: false };
  }
  const last = await rememberedMapping(ctx.db, kind);
  let remembered = false;
  const used = new Set<number>();
  for (const c of cols) {
    const title = last?.[c.key];
    const i = title ? headers.findIndex((h, k) => !used.has(k) && norm(h) === norm(title)) : -1;
    if (i >= 0) {
      mapping[c.key] = i;
      used.add(i);
      remembered = true;
    }
  }
  for (const c of cols) {
    if (mapping[c.key] !== undefined) continue;
    if (last && c.key in last && last[c.key] === '') {
      mapping[c.key] = null; // «не загружать» last time
      continue;
    }
    const i = headers.findIndex((h, k) => !used.has(k) && headerMatches(c, h));
    mapping[c.key] = i >= 0 ? i : null;
    if (i >= 0) used.add(i);
  }
  return { mapping, remembered };
}

function zodProblems(cols: readonly RosterColumn[], err: z.ZodError, prefix = '', keyOf = (k: string) => k): string[] {
  return err.issues.map((i) => {
    const key = keyOf(String(i.path[0] ?? ''));
    const col = cols.find((c) => c.key === key);
    const msg = i.message;
    return prefix + (col && !msg.includes('«') && !msg.includes(col.title) ? `«${col.title}»: ${msg}` : msg);
  });
}

function dateProblem(col: RosterColumn, raw: string, iso: string): string | null {
  if (raw === '' || isIsoDate(iso)) return null;
  return `«${col.title}»: «${raw}» — не дата; пишите ДД.ММ.ГГГГ`;
}

function permissionFor(ctx: Ctx, kind: ImportKind, mapping: Record<string, number | null>) {
  if (kind !== 'students') return requirePermission(ctx.actor, 'setup.write');
  requirePermission(ctx.actor, 'students.write');
  const personal = ROSTER_COLUMNS.students.filter((c) => c.personal && mapping[c.key] !== null);
  if (personal.length && !can(ctx.actor, 'students.personal'))
    throw new AppError(
      'FORBIDDEN',
      `Загружать персональные данные учеников (${personal
        .slice(0, 3)
        .map((c) => `«${c.title}»`)
        .join(', ')}${personal.length > 3 ? ' и другие' : ''}) может только роль с доступом к ним (152-ФЗ)`,
    );
}

interface Ctxs {
  ctx: Ctx;
  sheet: Sheet;
  mapping: Record<string, number | null>;
}

function valuesOf(kind: ImportKind, r: SheetRow, mapping: Record<string, number | null>): Values {
  const v: Values = {};
  for (const c of ROSTER_COLUMNS[kind]) {
    const i = mapping[c.key];
    if (i === null || i === undefined) continue;
    const raw = (r.cells[i] ?? '').trim();
    v[c.key] = c.type === 'date' ? fileDate(raw) : raw;
  }
  return v;
}

async function importYear(ctx: Ctx) {
  const today = await schoolToday(ctx);
  const yearId = await currentYearId(ctx.db, today);
  if (!yearId) invalid('В базе нет учебного года: сначала создайте учебный год и его классы');
  const year = await getYear(ctx.db, yearId);
  // Students join their classes today, or on the year's first or last day when today is outside it.
  const date = today < year.start_date ? year.start_date : today > year.end_date ? year.end_date : today;
  return { year, date };
}

// --- students -----------------------------------------------------------------------------------------------------

async function planStudents({ ctx, sheet, mapping }: Ctxs): Promise<{ rows: ImportRow[]; apply: Apply[] }> {
  const cols = ROSTER_COLUMNS.students;
  const { year, date } = await importYear(ctx);
  const classes = new Map(
    (await ctx.db.selectFrom('class').select(['id', 'name']).where('year_id', '=', year.id).execute()).map((c) => [
      classNameKey(c.name),
      c,
    ]),
  );
  const existing = await ctx.db
    .selectFrom('student')
    .select(['id', 'last_name', 'first_name', 'middle_name', 'birth_date', 'snils', 'personal_file_no'])
    .execute();
  const open = new Map(
    (
      await ctx.db
        .selectFrom('enrollment')
        .innerJoin('class', 'class.id', 'enrollment.class_id')
        .select(['enrollment.student_id', 'enrollment.class_id', 'class.name', 'class.year_id'])
        .where('enrollment.end_date', 'is', null)
        .execute()
    ).map((e) => [e.student_id, e]),
  );
  const byFile = new Map<string, (typeof existing)[number]>();
  const bySnils = new Map<string, (typeof existing)[number]>();
  const byPerson = new Map<string, (typeof existing)[number]>();
  const byLoose = new Map<string, (typeof existing)[number]>();
  for (const s of existing) {
    if (s.personal_file_no) byFile.set(norm(s.personal_file_no), s);
    if (s.snils) bySnils.set(normalizeSnils(s.snils), s);
    byPerson.set(personKey(s.last_name, s.first_name, s.middle_name, s.birth_date), s);
    byLoose.set(personKey(s.last_name, s.first_name, s.birth_date), s);
  }
  const who = (s: (typeof existing)[number]) =>
    `${[s.last_name, s.first_name, s.middle_name].filter(Boolean).join(' ')}, ${ru(s.birth_date)} г. р.${open.get(s.id) ? `, ${open.get(s.id)!.name}` : ''}`;
  const seen = {
    file: new Map<string, number>(),
    snils: new Map<string, number>(),
    person: new Map<string, number>(),
    loose: new Map<string, number>(),
  };
  const matchedIds = new Map<number, number>();
  const guardiansMapped = cols.some((c) => c.key.startsWith('g') && /^g\d_/.test(c.key) && mapping[c.key] !== null);
  const rows: ImportRow[] = [];
  const apply: Apply[] = [];
  for (const r of sheet.rows) {
    const v = valuesOf('students', r, mapping);
    const errors = [...r.problems];
    const warnings: string[] = [];
    const cls = classes.get(classNameKey(v.class ?? ''));
    if (!v.class) errors.push('не указан класс');
    else if (!cls)
      errors.push(
        `${
          classNotFound(
            v.class,
            year.name,
            [...classes.values()].map((c) => c.name),
          ).message
        } Сначала создайте или загрузите классы.`,
      );
    const bdCol = cols.find((c) => c.key === 'birth_date')!;
    const bdProblem = v.birth_date !== undefined ? dateProblem(bdCol, (r.cells[mapping.birth_date!] ?? '').trim(), v.birth_date) : null;
    if (bdProblem) errors.push(bdProblem);
    const gender = norm(v.gender ?? '');
    const raw: Record<string, unknown> = {};
    for (const c of cols) if (!/^g\d_/.test(c.key) && c.key !== 'class' && c.key in v) raw[c.key] = v[c.key];
    raw.gender = /^(м|муж|мужской)$/.test(gender) ? 'м' : /^(ж|жен|женский)$/.test(gender) ? 'ж' : v.gender;
    const parsed = studentFields.safeParse(raw);
    if (!parsed.success) errors.push(...zodProblems(cols, parsed.error).filter((p) => !bdProblem || !p.includes('Дата рождения')));
    const guardians: z.output<typeof guardianFields>[] = [];
    for (let g = 1; g <= GUARDIAN_SLOTS; g++) {
      const gv: Record<string, string> = {};
      for (const c of cols) if (c.key.startsWith(`g${g}_`) && v[c.key] !== undefined) gv[c.key.slice(3)] = v[c.key];
      if (!Object.values(gv).some((x) => x !== '')) continue;
      const gp = guardianFields.safeParse(gv);
      if (gp.success) guardians.push(gp.data);
      else errors.push(...zodProblems(cols, gp.error, `Родитель ${g}: `, (k) => `g${g}_${k}`));
    }
    // Who this row is: the personal-file number, the SNILS, or the name and birth date.
    const s = parsed.success ? parsed.data : null;
    const fileNo = norm(v.personal_file_no ?? '');
    const snils = s?.snils ? normalizeSnils(s.snils) : '';
    const person = s ? personKey(s.last_name, s.first_name, s.middle_name, s.birth_date) : '';
    const match = (fileNo && byFile.get(fileNo)) || (snils && bySnils.get(snils)) || (person && byPerson.get(person)) || null;
    if (s) {
      const same: [Map<string, number>, string, string][] = [
        [seen.file, fileNo, 'номер личного дела'],
        [seen.snils, snils, 'СНИЛС'],
        [seen.person, person, 'Ф. И. О. и дата рождения'],
      ];
      for (const [map, key, what] of same) {
        if (!key) continue;
        const prev = map.get(key);
        if (prev !== undefined) errors.push(`повтор: ${what} — как в строке ${prev}`);
        else map.set(key, r.row);
      }
      if (snils && match && bySnils.get(snils) && bySnils.get(snils)!.id !== match.id)
        errors.push(`СНИЛС ${formatSnils(snils)} уже у другого ученика: ${who(bySnils.get(snils)!)}`);
      if (match && byPerson.get(person) && byPerson.get(person)!.id !== match.id)
        errors.push(`такой ученик уже есть в базе: ${who(byPerson.get(person)!)} (другой номер личного дела или СНИЛС)`);
      if (match) {
        const prev = matchedIds.get(match.id);
        if (prev !== undefined) errors.push(`тот же ученик, что в строке ${prev}: ${who(match)}`);
        else matchedIds.set(match.id, r.row);
      }
      if (!match) {
        const loose = personKey(s.last_name, s.first_name, s.birth_date);
        const twin = byLoose.get(loose);
        if (twin) warnings.push(`возможно, этот ученик уже есть в базе: ${who(twin)} — проверьте отчество`);
        const prevRow = seen.loose.get(loose);
        if (prevRow !== undefined && !errors.some((e) => e.startsWith('повтор')))
          warnings.push(`возможно, тот же ученик, что в строке ${prevRow}: те же фамилия, имя и дата рождения`);
        seen.loose.set(loose, r.row);
      }
      if (!match && s.birth_date >= date) errors.push(`дата рождения ${ru(s.birth_date)} не раньше даты зачисления ${ru(date)}`);
    }
    const action = match ? 'update' : 'create';
    rows.push({ row: r.row, values: v, errors, warnings, action, matched: match ? who(match) : null });
    if (errors.length || !s || !cls) continue;
    const order = `Загрузка списка ${ru(date)}`;
    apply.push(async (c) => {
      if (!match) {
        await createStudent(c, { classId: cls.id, date, order_number: order, guardians, student: s });
        return 'create';
      }
      const patch = Object.fromEntries(Object.entries(s).filter(([k]) => k in v || (k === 'gender' && 'gender' in v)));
      await updateStudent(c, { id: match.id, student: patch, guardians: guardiansMapped ? guardians : undefined });
      const now = open.get(match.id);
      if (now?.class_id !== cls.id) {
        const reason = 'Загрузка списка учеников';
        if (now) await transferStudent(c, { studentId: match.id, toClassId: cls.id, date, order_number: order, reason });
        else await arriveStudent(c, { studentId: match.id, classId: cls.id, date, order_number: order, reason });
      }
      return 'update';
    });
  }
  return { rows, apply };
}

// --- staff, subjects, classes ---------------------------------------------------------------------------------------

async function planStaff({ ctx, sheet, mapping }: Ctxs): Promise<{ rows: ImportRow[]; apply: Apply[] }> {
  const cols = ROSTER_COLUMNS.staff;
  const existing = await ctx.db.selectFrom('staff').selectAll().execute();
  const bySnils = new Map(existing.filter((s) => s.snils).map((s) => [normalizeSnils(s.snils!), s]));
  const byPerson = new Map(existing.map((s) => [personKey(s.last_name, s.first_name, s.middle_name, s.birth_date ?? ''), s]));
  const who = (s: (typeof existing)[number]) => [s.last_name, s.first_name, s.middle_name].filter(Boolean).join(' ');
  const seen = new Map<string, number>();
  const rows: ImportRow[] = [];
  const apply: Apply[] = [];
  for (const r of sheet.rows) {
    const v = valuesOf('staff', r, mapping);
    const errors = [...r.problems];
    const bd = v.birth_date ? dateProblem(cols[4], (r.cells[mapping.birth_date!] ?? '').trim(), v.birth_date) : null;
    if (bd) errors.push(bd);
    const personKeyOf = (x: { last_name?: string; first_name?: string; middle_name?: string; birth_date?: string | null }) =>
      personKey(x.last_name ?? '', x.first_name ?? '', x.middle_name ?? '', x.birth_date ?? '');
    const snils = v.snils ? normalizeSnils(v.snils) : '';
    const match = (snils && bySnils.get(snils)) || byPerson.get(personKeyOf(v)) || null;
    const base = match
      ? { last_name: match.last_name, first_name: match.first_name, middle_name: match.middle_name, position: match.position }
      : {};
    const merged: Record<string, unknown> = {
      ...(match ? { ...base, birth_date: match.birth_date, snils: match.snils ?? '', phone: match.phone, email: match.email } : {}),
      ...v,
    };
    if (merged.birth_date === '') merged.birth_date = null;
    const parsed = schoolSchemas['staff.save'].safeParse({ id: match?.id ?? null, active: true, ...merged });
    if (!parsed.success) errors.push(...zodProblems(cols, parsed.error).filter((p) => !bd || !p.includes('Дата рождения')));
    const key = snils || personKeyOf(v);
    if (seen.has(key)) errors.push(`повтор: тот же сотрудник, что в строке ${seen.get(key)}`);
    else seen.set(key, r.row);
    if (match && snils && bySnils.get(snils) && bySnils.get(snils)!.id !== match.id)
      errors.push(`СНИЛС ${formatSnils(snils)} уже у сотрудника ${who(bySnils.get(snils)!)}`);
    rows.push({ row: r.row, values: v, errors, warnings: [], action: match ? 'update' : 'create', matched: match ? who(match) : null });
    if (errors.length || !parsed.success) continue;
    const input = parsed.data;
    apply.push(async (c) => {
      await saveStaff(c, input);
      return match ? 'update' : 'create';
    });
  }
  return { rows, apply };
}

async function planSubjects({ ctx, sheet, mapping }: Ctxs): Promise<{ rows: ImportRow[]; apply: Apply[] }> {
  const cols = ROSTER_COLUMNS.subjects;
  const existing = await ctx.db.selectFrom('subject').selectAll().execute();
  const byName = new Map(existing.map((s) => [norm(s.name), s]));
  const seen = new Map<string, number>();
  const rows: ImportRow[] = [];
  const apply: Apply[] = [];
  for (const r of sheet.rows) {
    const v = valuesOf('subjects', r, mapping);
    const errors = [...r.problems];
    const match = byName.get(norm(v.name ?? '')) ?? null;
    const component = v.component ? COMPONENT_WORDS[norm(v.component)] : (match?.component ?? 'federal');
    const grading = v.grading ? GRADING_WORDS[norm(v.grading)] : (match?.grading ?? 'five');
    if (!component) errors.push(`«Часть учебного плана»: «${v.component}» — пишите «обязательная» или «формируемая участниками»`);
    if (!grading) errors.push(`«Оценивание»: «${v.grading}» — пишите «отметки» или «зачёт»`);
    const parsed = schoolSchemas['subjects.save'].safeParse({
      id: match?.id ?? null,
      name: v.name ?? '',
      short_name: v.short_name || match?.short_name || (v.name ?? '').slice(0, 40),
      component: component ?? 'federal',
      grading: grading ?? 'five',
    });
    if (!parsed.success) errors.push(...zodProblems(cols, parsed.error));
    const key = norm(v.name ?? '');
    if (key && seen.has(key)) errors.push(`повтор: предмет «${v.name}» уже в строке ${seen.get(key)}`);
    else seen.set(key, r.row);
    rows.push({ row: r.row, values: v, errors, warnings: [], action: match ? 'update' : 'create', matched: match?.name ?? null });
    if (errors.length || !parsed.success) continue;
    const input = parsed.data;
    apply.push(async (c) => {
      await saveSubject(c, input);
      return match ? 'update' : 'create';
    });
  }
  return { rows, apply };
}

async function planClasses({ ctx, sheet, mapping }: Ctxs): Promise<{ rows: ImportRow[]; apply: Apply[] }> {
  const { year } = await importYear(ctx);
  const existing = await ctx.db.selectFrom('class').selectAll().where('year_id', '=', year.id).execute();
  const byName = new Map(existing.map((c) => [classNameKey(c.name), c]));
  const staff = await ctx.db.selectFrom('staff').select(['id', 'last_name', 'first_name', 'middle_name']).where('active', '=', 1).execute();
  const seen = new Map<string, number>();
  const rows: ImportRow[] = [];
  const apply: Apply[] = [];
  for (const r of sheet.rows) {
    const v = valuesOf('classes', r, mapping);
    const errors = [...r.problems];
    const m = /^(\d{1,2})([А-ЯЁ]{1,2})$/u.exec(classNameKey(v.name ?? ''));
    if (!m) errors.push(`«Класс»: «${v.name ?? ''}» — пишите параллель и литеру, например 5А`);
    const match = m ? (byName.get(`${m[1]}${m[2]}`) ?? null) : null;
    let homeroom: number | null = match?.homeroom_staff_id ?? null;
    if (v.homeroom !== undefined) {
      if (v.homeroom === '') homeroom = null;
      else {
        const found = staff.filter((s) => norm([s.last_name, s.first_name, s.middle_name].filter(Boolean).join(' ')) === norm(v.homeroom));
        if (found.length === 1) homeroom = found[0].id;
        else {
          errors.push(
            found.length
              ? `«Классный руководитель»: сотрудников «${v.homeroom}» несколько — укажите его на экране классов`
              : `«Классный руководитель»: сотрудника «${v.homeroom}» нет в списке сотрудников`,
          );
        }
      }
    }
    const parsed = schoolSchemas['classes.save'].safeParse({
      id: match?.id ?? null,
      yearId: year.id,
      grade: m ? Number(m[1]) : 0,
      letter: m ? m[2] : '',
      homeroom_staff_id: homeroom,
      bell_schedule_id: match?.bell_schedule_id ?? null,
      week_days: v.week_days ? Number(v.week_days) : (match?.week_days ?? 5),
      shift: v.shift ? Number(v.shift) : (match?.shift ?? 1),
      room_id: match?.room_id ?? null,
    });
    if (m && !parsed.success)
      errors.push(
        ...parsed.error.issues.map((i) =>
          i.path[0] === 'week_days'
            ? `«Учебных дней в неделю»: 5 или 6, указано «${v.week_days}»`
            : i.path[0] === 'shift'
              ? `«Смена»: 1 или 2, указано «${v.shift}»`
              : i.message,
        ),
      );
    const key = m ? `${m[1]}${m[2]}` : '';
    if (key && seen.has(key)) errors.push(`повтор: класс ${key} уже в строке ${seen.get(key)}`);
    else if (key) seen.set(key, r.row);
    rows.push({ row: r.row, values: v, errors, warnings: [], action: match ? 'update' : 'create', matched: match?.name ?? null });
    if (errors.length || !parsed.success) continue;
    const input = parsed.data;
    apply.push(async (c) => {
      await saveClass(c, input);
      return match ? 'update' : 'create';
    });
  }
  return { rows, apply };
}

const PLANNERS: Record<ImportKind, (x: Ctxs) => Promise<{ rows: ImportRow[]; apply: Apply[] }>> = {
  students: planStudents,
  staff: planStaff,
  subjects: planSubjects,
  classes: planClasses,
};

async function plan(
  ctx: Ctx,
  kind: ImportKind,
  name: string,
  buf: Buffer,
  sent: Record<string, number | null> | undefined,
): Promise<Planned> {
  const sheet = await readSheet(name, buf);
  const cols = ROSTER_COLUMNS[kind];
  const fields = cols.map((c) => ({ key: c.key, title: c.title, required: !!c.required, personal: !!c.personal }));
  const { mapping, remembered } = sheet.fatal
    ? { mapping: Object.fromEntries(cols.map((c) => [c.key, null])), remembered: false }
    : await resolveMapping(ctx, kind, sheet.header, sent);
  permissionFor(ctx, kind, sheet.fatal ? {} : mapping);
  const missing = sheet.fatal ? [] : cols.filter((c) => c.required && mapping[c.key] === null).map((c) => c.title);
  const planned = sheet.fatal || missing.length ? { rows: [], apply: [] } : await PLANNERS[kind]({ ctx, sheet, mapping });
  const rows = planned.rows;
  const preview: ImportPreview = {
    kind,
    format: sheet.format,
    encoding: sheet.encoding,
    delimiter: sheet.delimiter,
    fatal: sheet.fatal,
    headers: sheet.header,
    fields,
    mapping,
    remembered,
    rows,
    missing,
    counts: {
      rows: sheet.rows.length,
      errors: rows.filter((r) => r.errors.length).length,
      warnings: rows.filter((r) => r.warnings.length).length,
      create: rows.filter((r) => !r.errors.length && r.action === 'create').length,
      update: rows.filter((r) => !r.errors.length && r.action === 'update').length,
    },
  };
  return { preview, apply: planned.apply };
}

export async function previewImport(
  ctx: Ctx,
  input: { kind: ImportKind; file: { name: string; base64: string }; mapping?: Record<string, number | null> },
): Promise<ImportPreview> {
  return (await plan(ctx, input.kind, input.file.name, Buffer.from(input.file.base64, 'base64'), input.mapping)).preview;
}

const NOUNS: Record<ImportKind, PluralForms> = {
  students: ['ученик', 'ученика', 'учеников'],
  staff: ['сотрудник', 'сотрудника', 'сотрудников'],
  subjects: ['предмет', 'предмета', 'предметов'],
  classes: ['класс', 'класса', 'классов'],
};

/** «Добавлено 1 092 ученика, обновлено 8» (every noun of the four kinds is masculine). */
export function importSummary(kind: ImportKind, created: number, updated: number): string {
  const added = `${plural(created, ['добавлен', 'добавлено', 'добавлено'])} ${ruNumber(created)} ${plural(created, NOUNS[kind])}`;
  const text = updated ? `${added}, ${plural(updated, ['обновлён', 'обновлено', 'обновлено'])} ${ruNumber(updated)}` : added;
  return text[0].toUpperCase() + text.slice(1);
}

/** Reads, checks and saves a file: every row or, when any row has an error, nothing (INVALID naming the rows). */
export async function importFile(
  ctx: Ctx,
  kind: ImportKind,
  name: string,
  buf: Buffer,
  sent?: Record<string, number | null>,
  opts: { dryRun?: boolean } = {},
): Promise<{ preview: ImportPreview; result: ImportResult | null }> {
  const { preview, apply } = await plan(ctx, kind, name, buf, sent);
  if (preview.fatal) invalid(preview.fatal);
  if (preview.missing.length)
    invalid(`Не выбраны столбцы для полей ${preview.missing.map((m) => `«${m}»`).join(', ')}: сопоставьте их со столбцами файла`);
  const bad = preview.rows.filter((r) => r.errors.length);
  if (bad.length)
    invalid([
      `Ничего не загружено: ${ruNumber(bad.length)} ${plural(bad.length, ['строка', 'строки', 'строк'])} с ошибками — исправьте файл и загрузите снова`,
      ...bad.slice(0, 20).map((r) => `Строка ${r.row}: ${r.errors.join('; ')}`),
    ]);
  if (opts.dryRun) return { preview, result: null };
  let created = 0;
  let updated = 0;
  const rowsOf = preview.rows.map((r) => r.row);
  await mutate(ctx, async (w) => {
    const inner = inTransaction(ctx, w);
    for (const [i, run] of apply.entries()) {
      try {
        if ((await run(inner)) === 'create') created++;
        else updated++;
      } catch (e) {
        if (e instanceof AppError) throw new AppError(e.code, `Ничего не загружено. Строка ${rowsOf[i]}: ${e.message}`, e.details);
        throw e;
      }
    }
    // The mapping by column title, so the next file with the same titles is mapped the same way.
    const remember = JSON.stringify(
      Object.fromEntries(Object.entries(preview.mapping).map(([k, i]) => [k, i === null ? '' : preview.headers[i]])),
    );
    await w.trx
      .insertInto('setting')
      .values({ key: MAPPING_KEY(kind), value: remember })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: remember }))
      .execute();
    await w.audit({
      action: 'import',
      entity: 'roster_import',
      after: { kind, file: name, format: preview.format, encoding: preview.encoding, rows: preview.rows.length, created, updated },
    });
  });
  return { preview, result: { kind, created, updated, summary: importSummary(kind, created, updated) } };
}

export async function runImport(
  ctx: Ctx,
  input: { kind: ImportKind; file: { name: string; base64: string }; mapping?: Record<string, number | null> },
): Promise<ImportResult> {
  const { result } = await importFile(ctx, input.kind, input.file.name, Buffer.from(input.file.base64, 'base64'), input.mapping);
  return result!;
}

/** The template: the header and one sample row, as XLSX. */
export async function importTemplate(kind: ImportKind): Promise<Buffer> {
  const table = ROSTER_TABLES[kind];
  return writeTable(table, [Object.fromEntries(ROSTER_COLUMNS[kind].map((c) => [c.key, c.sample]))], 'xlsx');
}

export function templateName(kind: ImportKind): string {
  return `Шаблон — ${IMPORT_KIND_NAMES[kind]}.xlsx`;
}
