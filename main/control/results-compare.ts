import type { ParsedInput } from '../contract/index';
import {
  RESULT_GROUPING_NAMES,
  RESULT_KINDS,
  type ComparisonColumn,
  type ComparisonRow,
  type ResultKind,
  type ResultRow,
  type ResultsComparison,
  type ResultsReport,
} from '../contract/control';
import { RESULT_FORMULAS } from '../contract/rules/results';
import type { Ctx } from '../kernel/context';
import { getYear } from '../school/years';
import { resultsReport } from './results';

// Comparisons of the results (issue 12, part 4): one grouping side by side over the periods and the year of one
// school year, or over the years for one kind of marks (the chosen year and every earlier one). Each column is the
// plain results report of that year and kind, so every figure comes from `rates()` as in the report itself.
//
// Rows are matched by the report's key (a student, a subject, a teacher, a grade are the same across years); a class
// is a new record every year, so across years a class's row is matched by its name: «5А» of each year. A chosen class
// (`classId`) is likewise the class of that name in the earlier years.

export const KIND_LABELS: Record<ResultKind, string> = {
  p1: '1-й период',
  p2: '2-й период',
  p3: '3-й период',
  p4: '4-й период',
  year: 'Год',
};

export async function resultsComparison(ctx: Ctx, input: ParsedInput<'results.compare'>): Promise<ResultsComparison> {
  const year = await getYear(ctx.db, input.yearId);
  const chosenClass = input.classId
    ? await ctx.db.selectFrom('class').select(['id', 'name', 'year_id']).where('id', '=', input.classId).executeTakeFirst()
    : undefined;
  let columns: ComparisonColumn[];
  if (input.compare === 'periods') {
    columns = RESULT_KINDS.map((kind) => ({ key: kind, label: KIND_LABELS[kind], yearId: year.id, kind }));
  } else {
    const years = await ctx.db
      .selectFrom('academic_year')
      .select(['id', 'name'])
      .where('start_date', '<=', year.start_date)
      .orderBy('start_date')
      .execute();
    columns = years.map((y) => ({ key: `y${y.id}`, label: y.name, yearId: y.id, kind: input.kind }));
  }
  const classIn = async (yearId: number): Promise<number | null | undefined> => {
    if (!chosenClass) return null;
    if (yearId === chosenClass.year_id) return chosenClass.id;
    const c = await ctx.db
      .selectFrom('class')
      .select('id')
      .where('year_id', '=', yearId)
      .where('name', '=', chosenClass.name)
      .executeTakeFirst();
    return c?.id; // undefined: no class of that name that year
  };
  const reports: (ResultsReport | null)[] = [];
  for (const c of columns) {
    const classId = await classIn(c.yearId);
    reports.push(classId === undefined ? null : await resultsReport(ctx, { yearId: c.yearId, kind: c.kind, by: input.by, classId }));
  }
  // Only the columns that have marks: a year with trimesters has no 4th period, a year in progress no year marks yet.
  const kept = columns
    .map((c, i) => ({ c, r: reports[i] }))
    .filter((x): x is { c: ComparisonColumn; r: ResultsReport } => !!x.r?.total.students);
  const match = (row: ResultRow) => (input.compare === 'years' && input.by === 'class' ? `n${row.name}` : row.key);
  // Row order: that of the latest column (the year marks, or the chosen year), then rows only earlier columns have.
  const rows = new Map<string, ComparisonRow>();
  for (let i = kept.length - 1; i >= 0; i--) {
    for (const r of kept[i].r.rows) {
      const key = match(r);
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { key, name: r.name, cells: kept.map(() => null) }));
      row.cells[i] = strip(r);
    }
  }
  const title =
    input.compare === 'periods'
      ? `периоды и год, ${year.name} учебный год, ${RESULT_GROUPING_NAMES[input.by]}`
      : `${input.kind === 'year' ? 'годовые отметки' : `отметки за ${input.kind.slice(1)}-й учебный период`} по годам, ${RESULT_GROUPING_NAMES[input.by]}`;
  return {
    compare: input.compare,
    title,
    by: input.by,
    columns: kept.map((k) => k.c),
    rows: [...rows.values()],
    total: { key: 'total', name: chosenClass?.name ?? 'Школа', cells: kept.map((k) => strip(k.r.total)) },
    formulas: [
      ...RESULT_FORMULAS,
      input.compare === 'periods'
        ? 'Сравнение по периодам: каждый столбец считается по тем же формулам по отметкам своего периода (или года).'
        : 'Сравнение по годам: каждый столбец считается по тем же формулам по отметкам своего учебного года; класс сравнивается с классом того же названия в другие годы.',
    ],
  };
}

function strip(r: ResultRow): ComparisonRow['cells'][number] {
  if (!r.students) return null;
  return { students: r.students, success: r.success, quality: r.quality, average: r.average, distribution: r.distribution };
}
