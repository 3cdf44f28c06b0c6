import { performance } from 'node:perf_hooks';
import { requirePermission, type Ctx } from '../../kernel/context';
import type { LookupResult, LookupStudent, LookupYear } from '../../contract/lookup';
import { columnsOf } from '../ledger/model';
import { PERIOD_LABEL } from '../ledger/data';
import { sql } from 'kysely';
import { containsRun, engineOf } from '../../../db/dialect';
import { anyCaseRun, foldFileNo, nameWords } from './match';

// The 25-year look-up (issue 14 part 5): a former student found by name, birth date or personal-file number, with the
// final marks of every closed year as the summary ledger of each of their classes prints them. Four reads whatever
// the number of years: the students (each word of the name in any case, match.ts and the dialect's containsRun), their enrolments in closed years, their final marks (by the index final_mark_student,
// migration 0016) and the period schemes of those years; the subject catalogue is small.
//
// The ledger's rule (printing/journal/providers.ts, classFinalMarks): a class's ledger shows a student's marks given
// in that class; a student who was still in the class on the year's last day also brings the marks of the year given
// in their earlier classes.

export interface LookupQuery {
  name?: string;
  birthDate?: string;
  fileNo?: string;
}

/** At most this many students in one answer; `more` says when the query should be narrowed. */
export const LOOKUP_LIMIT = 20;

export async function lookupStudents(ctx: Ctx, q: LookupQuery): Promise<LookupResult> {
  requirePermission(ctx.actor, 'archive.lookup');
  const started = performance.now();
  let students = ctx.db
    .selectFrom('student')
    .select(['id', 'last_name', 'first_name', 'middle_name', 'birth_date', 'personal_file_no'])
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('middle_name')
    .orderBy('birth_date')
    .orderBy('id');
  if (q.birthDate) students = students.where('birth_date', '=', q.birthDate);
  for (const w of q.name ? nameWords(q.name) : [])
    students = students.where(containsRun(engineOf(ctx.db), sql`last_name || ' ' || first_name || ' ' || middle_name`, anyCaseRun(w)));
  // the file number is compared folded (case, spaces, dashes, Latin look-alikes) on the rows holding its digits
  const fileNo = q.fileNo ? foldFileNo(q.fileNo) : null;
  const digits = fileNo?.replace(/\D/g, '') ?? '';
  if (digits) students = students.where('personal_file_no', 'like', `%${digits}%`);
  const rows = fileNo === null ? await students.limit(LOOKUP_LIMIT + 1).execute() : await students.execute();
  const found = fileNo === null ? rows : rows.filter((s) => foldFileNo(s.personal_file_no) === fileNo);
  // SQLite orders by code points («Ё» after «Я»); the answer is shown in Russian alphabetical order
  const collator = new Intl.Collator('ru');
  const byName = (a: (typeof found)[number], b: (typeof found)[number]) =>
    collator.compare(a.last_name, b.last_name) ||
    collator.compare(a.first_name, b.first_name) ||
    collator.compare(a.middle_name, b.middle_name) ||
    a.birth_date.localeCompare(b.birth_date) ||
    a.id - b.id;
  const shown = found.slice(0, LOOKUP_LIMIT).sort(byName);
  const years = await closedYearsOf(
    ctx,
    shown.map((s) => s.id),
  );
  return {
    students: shown.map((s): LookupStudent => ({
      id: s.id,
      lastName: s.last_name,
      firstName: s.first_name,
      middleName: s.middle_name,
      birthDate: s.birth_date,
      personalFileNo: s.personal_file_no,
      years: years.get(s.id) ?? [],
    })),
    more: found.length > shown.length,
    ms: Math.round((performance.now() - started) * 10) / 10,
  };
}

/** One student with their closed years (for the extract); null when there is no such student. */
export async function lookupStudent(ctx: Ctx, studentId: number): Promise<LookupStudent | null> {
  requirePermission(ctx.actor, 'archive.lookup');
  const s = await ctx.db
    .selectFrom('student')
    .select(['id', 'last_name', 'first_name', 'middle_name', 'birth_date', 'personal_file_no'])
    .where('id', '=', studentId)
    .executeTakeFirst();
  if (!s) return null;
  const years = await closedYearsOf(ctx, [s.id]);
  return {
    id: s.id,
    lastName: s.last_name,
    firstName: s.first_name,
    middleName: s.middle_name,
    birthDate: s.birth_date,
    personalFileNo: s.personal_file_no,
    years: years.get(s.id) ?? [],
  };
}

/** The students' ledger rows of every closed year, per student id, oldest year first. */
async function closedYearsOf(ctx: Ctx, ids: number[]): Promise<Map<number, LookupYear[]>> {
  const out = new Map<number, LookupYear[]>();
  if (!ids.length) return out;
  const enrolments = await ctx.db
    .selectFrom('enrollment')
    .innerJoin('class', 'class.id', 'enrollment.class_id')
    .innerJoin('academic_year', 'academic_year.id', 'class.year_id')
    .select([
      'enrollment.student_id',
      'enrollment.class_id',
      'enrollment.start_date',
      'enrollment.end_date',
      'class.name as class_name',
      'class.grade',
      'academic_year.id as year_id',
      'academic_year.name as year_name',
      'academic_year.start_date as year_start',
      'academic_year.end_date as year_end',
    ])
    .where('enrollment.student_id', 'in', ids)
    .where('academic_year.closed', '=', 1)
    .whereRef('enrollment.start_date', '<=', 'academic_year.end_date')
    .where((e) => e.or([e('enrollment.end_date', 'is', null), e('enrollment.end_date', '>=', e.ref('academic_year.start_date'))]))
    .execute();
  if (!enrolments.length) return out;
  const yearIds = [...new Set(enrolments.map((e) => e.year_id))];
  const [marks, periods, subjects] = await Promise.all([
    ctx.db
      .selectFrom('final_mark')
      .select(['student_id', 'year_id', 'class_id', 'subject_id', 'kind', 'value'])
      .where('student_id', 'in', ids)
      .execute(),
    ctx.db
      .selectFrom('grade_scheme')
      .innerJoin('study_period', 'study_period.scheme_id', 'grade_scheme.scheme_id')
      .innerJoin('period_scheme', 'period_scheme.id', 'grade_scheme.scheme_id')
      .select([
        'grade_scheme.year_id',
        'grade_scheme.grade',
        'study_period.number',
        'study_period.name',
        'study_period.start_date',
        'study_period.end_date',
        'period_scheme.kind',
      ])
      .where('grade_scheme.year_id', 'in', yearIds)
      .orderBy('study_period.number')
      .execute(),
    ctx.db.selectFrom('subject').select(['id', 'name', 'short_name', 'component']).orderBy('id').execute(),
  ]);
  // the ledger's subject order: the federal component first, then the school's own, each in catalogue order
  const catalogue = [...subjects.filter((s) => s.component === 'federal'), ...subjects.filter((s) => s.component !== 'federal')];
  const columnsByGrade = new Map<string, ReturnType<typeof columnsOf>>();
  const periodsOf = (yearId: number, grade: number) => {
    const key = `${yearId}:${grade}`;
    let cols = columnsByGrade.get(key);
    if (!cols) {
      cols = columnsOf(
        periods
          .filter((p) => p.year_id === yearId && p.grade === grade)
          .map((p) => ({
            number: p.number,
            name: p.name,
            short: (PERIOD_LABEL[p.kind] ?? PERIOD_LABEL.quarter)(p.number),
            start: p.start_date,
            end: p.end_date,
          })),
      );
      columnsByGrade.set(key, cols);
    }
    return cols;
  };
  // the student's rows of a year: student → year → marks
  const marksOf = new Map<string, typeof marks>();
  for (const m of marks) {
    const key = `${m.student_id}:${m.year_id}`;
    (marksOf.get(key) ?? marksOf.set(key, []).get(key)!).push(m);
  }
  // one entry per student, year and class (a student who left a class and came back is one row, as in the ledger)
  const places = new Map<string, (typeof enrolments)[number] & { from: string; to: string; toYearEnd: boolean }>();
  for (const e of enrolments) {
    const from = e.start_date < e.year_start ? e.year_start : e.start_date;
    const to = e.end_date === null || e.end_date > e.year_end ? e.year_end : e.end_date;
    const key = `${e.student_id}:${e.class_id}`;
    const have = places.get(key);
    if (have) {
      if (from < have.from) have.from = from;
      if (to > have.to) have.to = to;
      have.toYearEnd ||= to >= e.year_end;
    } else places.set(key, { ...e, from, to, toYearEnd: to >= e.year_end });
  }
  const classesOfYear = new Map<string, Set<number>>();
  for (const p of places.values()) {
    const key = `${p.student_id}:${p.year_id}`;
    (classesOfYear.get(key) ?? classesOfYear.set(key, new Set()).get(key)!).add(p.class_id);
  }
  const sorted = [...places.values()].sort(
    (a, b) => a.year_start.localeCompare(b.year_start) || a.from.localeCompare(b.from) || a.class_id - b.class_id,
  );
  for (const p of sorted) {
    const columns = periodsOf(p.year_id, p.grade);
    const keys = new Set<string>(columns.map((c) => c.key));
    const inYear = classesOfYear.get(`${p.student_id}:${p.year_id}`)!;
    const bySubject = new Map<number, Record<string, string>>();
    for (const m of marksOf.get(`${p.student_id}:${p.year_id}`) ?? []) {
      if (m.class_id !== p.class_id && !(p.toYearEnd && inYear.has(m.class_id))) continue;
      if (!keys.has(m.kind) || m.value === '') continue;
      (bySubject.get(m.subject_id) ?? bySubject.set(m.subject_id, {}).get(m.subject_id)!)[m.kind] = m.value;
    }
    const list = out.get(p.student_id) ?? out.set(p.student_id, []).get(p.student_id)!;
    list.push({
      yearId: p.year_id,
      yearName: p.year_name,
      classId: p.class_id,
      className: p.class_name,
      grade: p.grade,
      from: p.from,
      to: p.to,
      toYearEnd: p.toYearEnd,
      columns,
      subjects: catalogue
        .filter((s) => bySubject.has(s.id))
        .map((s) => ({ name: s.name, short: s.short_name || s.name, marks: bySubject.get(s.id)! })),
    });
  }
  return out;
}
