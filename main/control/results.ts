import type { Ctx } from '../kernel/context';
import type { ParsedInput } from '../contract/index';
import type { ResultGrouping, ResultRow, ResultsReport } from '../contract/control';
import { shortName } from '../contract/rules/names';
import { RESULT_FORMULAS, rates } from '../contract/rules/results';
import { wholeSchool } from '../journal/access';
import { periodRefs } from '../journal/roster';
import { getYear } from '../school/years';

// The results report (seed 001, deputy §13; issue 12, part 4): success and quality of the period or year marks, by
// student, class, grade, subject, teacher or the whole school. The figures come from `rates()` alone; this module
// only selects the marks (the reader's scope) and groups them.

interface MarkRow {
  student_id: number;
  class_id: number;
  subject_id: number;
  value: string;
  grade: number;
  letter: string;
  class_name: string;
  subject_name: string;
  last_name: string;
  first_name: string;
}

interface Group {
  key: string;
  name: string;
  classId: number | null;
  sort: (string | number)[];
  marks: Map<number, string[]>;
}

const collator = new Intl.Collator('ru');

/** Who taught each (class, subject, student): the load without a group, or the group the student belonged to. */
async function teachersOf(ctx: Ctx, yearId: number, rows: MarkRow[], kind: string) {
  const loads = await ctx.db
    .selectFrom('teaching_load')
    .innerJoin('staff', 'staff.id', 'teaching_load.staff_id')
    .select([
      'teaching_load.class_id',
      'teaching_load.subject_id',
      'teaching_load.group_id',
      'staff.id',
      'staff.last_name',
      'staff.first_name',
      'staff.middle_name',
    ])
    .where('teaching_load.year_id', '=', yearId)
    .execute();
  const year = await getYear(ctx.db, yearId);
  const ranges = new Map<number, { start: string; end: string }>();
  for (const grade of new Set(rows.map((r) => r.grade))) {
    const p = kind === 'year' ? undefined : (await periodRefs(ctx.db, yearId, grade)).find((x) => x.kind === kind);
    ranges.set(grade, p ? { start: p.start, end: p.end } : { start: year.start_date, end: year.end_date });
  }
  const groupIds = [...new Set(loads.map((l) => l.group_id).filter((g): g is number => g !== null))];
  const members = groupIds.length
    ? await ctx.db.selectFrom('group_member').selectAll().where('group_id', 'in', groupIds).orderBy('start_date').execute()
    : [];
  const byClassSubject = new Map<string, typeof loads>();
  for (const l of loads) {
    const k = `${l.class_id}:${l.subject_id}`;
    byClassSubject.set(k, [...(byClassSubject.get(k) ?? []), l]);
  }
  return (r: MarkRow): { id: number; name: string } | null => {
    const candidates = byClassSubject.get(`${r.class_id}:${r.subject_id}`) ?? [];
    const whole = candidates.find((l) => l.group_id === null);
    const range = ranges.get(r.grade)!;
    const load =
      whole ??
      candidates
        .filter((l) =>
          members.some(
            (m) =>
              m.group_id === l.group_id &&
              m.student_id === r.student_id &&
              m.start_date <= range.end &&
              (m.end_date === null || m.end_date >= range.start),
          ),
        )
        .pop();
    return load ? { id: load.id, name: shortName(load) } : null;
  };
}

export async function resultsReport(ctx: Ctx, input: ParsedInput<'results.report'>): Promise<ResultsReport> {
  const year = await getYear(ctx.db, input.yearId);
  let q = ctx.db
    .selectFrom('final_mark as fm')
    .innerJoin('class as c', 'c.id', 'fm.class_id')
    .innerJoin('subject as s', 's.id', 'fm.subject_id')
    .innerJoin('student as st', 'st.id', 'fm.student_id')
    .select([
      'fm.student_id',
      'fm.class_id',
      'fm.subject_id',
      'fm.value',
      'c.grade',
      'c.letter',
      'c.name as class_name',
      's.name as subject_name',
      'st.last_name',
      'st.first_name',
    ])
    .where('fm.year_id', '=', input.yearId)
    .where('fm.kind', '=', input.kind);
  if (input.classId) q = q.where('fm.class_id', '=', input.classId);
  let rows: MarkRow[] = await q.execute();
  if (!wholeSchool(ctx)) {
    // Teachers and homeroom teachers: the classes they lead and the subjects they teach, as in the journal.
    const staffId = ctx.actor.staffId ?? -1;
    const led = new Set(
      (
        await ctx.db.selectFrom('class').select('id').where('year_id', '=', input.yearId).where('homeroom_staff_id', '=', staffId).execute()
      ).map((c) => c.id),
    );
    const taught = new Set(
      (
        await ctx.db
          .selectFrom('teaching_load')
          .select(['class_id', 'subject_id'])
          .where('year_id', '=', input.yearId)
          .where('staff_id', '=', staffId)
          .execute()
      ).map((l) => `${l.class_id}:${l.subject_id}`),
    );
    rows = rows.filter((r) => led.has(r.class_id) || taught.has(`${r.class_id}:${r.subject_id}`));
  }
  const teacher = input.by === 'teacher' ? await teachersOf(ctx, input.yearId, rows, input.kind) : null;

  const groupOf = (r: MarkRow): Omit<Group, 'marks'> => {
    const by: ResultGrouping = input.by;
    switch (by) {
      case 'student':
        return {
          key: `s${r.student_id}`,
          name: `${r.last_name} ${r.first_name}, ${r.class_name}`,
          classId: r.class_id,
          sort: [r.grade, r.letter, r.last_name, r.first_name, r.student_id],
        };
      case 'class':
        return { key: `c${r.class_id}`, name: r.class_name, classId: r.class_id, sort: [r.grade, r.letter] };
      case 'grade':
        return { key: `g${r.grade}`, name: `${r.grade}-е классы`, classId: null, sort: [r.grade] };
      case 'subject':
        return { key: `sub${r.subject_id}`, name: r.subject_name, classId: null, sort: [r.subject_name] };
      case 'teacher': {
        const t = teacher!(r);
        return t
          ? { key: `t${t.id}`, name: t.name, classId: null, sort: [0, t.name] }
          : { key: 't0', name: 'Учитель не назначен', classId: null, sort: [1, ''] };
      }
      case 'school':
        return { key: 'school', name: 'Школа', classId: null, sort: [0] };
    }
  };
  const groups = new Map<string, Group>();
  const all = new Map<number, string[]>();
  for (const r of rows) {
    const g = groupOf(r);
    let group = groups.get(g.key);
    if (!group) groups.set(g.key, (group = { ...g, marks: new Map() }));
    group.marks.set(r.student_id, [...(group.marks.get(r.student_id) ?? []), r.value]);
    all.set(r.student_id, [...(all.get(r.student_id) ?? []), r.value]);
  }
  const compare = (a: Group, b: Group) => {
    for (let i = 0; i < Math.max(a.sort.length, b.sort.length); i++) {
      const x = a.sort[i];
      const y = b.sort[i];
      const d = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x ?? ''), String(y ?? ''));
      if (d) return d;
    }
    return 0;
  };
  const toRow = (g: Group): ResultRow => ({ key: g.key, name: g.name, classId: g.classId, ...rates(g.marks.values()) });
  const className = input.classId ? rows[0]?.class_name : null;
  return {
    yearName: year.name,
    kindName: input.kind === 'year' ? 'годовые отметки' : `отметки за ${input.kind.slice(1)}-й учебный период`,
    by: input.by,
    rows: [...groups.values()].sort(compare).map(toRow),
    total: { key: 'total', name: className ?? 'Школа', classId: input.classId, ...rates(all.values()) },
    formulas: RESULT_FORMULAS,
  };
}
