import { sql } from 'kysely';
import type { Ctx } from '../kernel/context';
import type { ParsedInput } from '../contract/index';
import type { Correction } from '../contract/journal-outputs';
import { nextDay, prevDay } from '../contract/rules/dates';
import { lateness, onLocalDays } from '../contract/rules/entry-deadline';
import { periodRefs } from './roster';
import { deadlineRules } from '../kernel/settings';
import { lateEntries } from './timeliness';
import { schoolTimeZone } from '../kernel/school-clock';
import { recordedPerson } from '../contract/rules/names';

// The corrections report (issue «users and audit», part 5; seed 001 deputy §6): changes to marks and absences that
// were already entered, made after the lesson's day or after a period's lock, with author, before and after, and the
// deputy's reason for reopening the period. Read from the audit log, where every change of a cell is recorded.
// Also the first entries made after their deadline (issue 11, part 12; timeliness.ts), with their delay. Lateness is
// decided by `lateness()` alone, on the school's clock.

export async function correctionsReport(ctx: Ctx, input: ParsedInput<'journal.corrections'>): Promise<Correction[]> {
  const timeZone = await schoolTimeZone(ctx.db);
  const rules = await deadlineRules(ctx.db);
  const classFilter = input.classId ? sql`and l.class_id = ${input.classId}` : sql``;
  const rows = (
    await sql<{
      id: number;
      at: string;
      actor: string;
      before: string;
      after: string;
      date: string;
      class_id: number;
      subject_id: number;
      class_name: string;
      grade: number;
      year_id: number;
      subject_name: string;
    }>`
      select a.id, a.at, a.actor, a.before, a.after, l.date, l.class_id, l.subject_id, c.name as class_name, c.grade, c.year_id, s.name as subject_name
      from audit_log a
      join lesson l on l.id = a.entity_id
      join class c on c.id = l.class_id
      join subject s on s.id = l.subject_id
      where a.entity = 'journal_cell' and a.before is not null and a.outcome = 'ok'
        and a.at >= ${prevDay(input.from)} and a.at < ${nextDay(nextDay(input.to))}
        and c.year_id = ${input.yearId} ${classFilter}
      order by a.id`.execute(ctx.db)
  ).rows // The range is in the school's local days; the audit's times are UTC.
    .filter((r) => onLocalDays(r.at, input.from, input.to, timeZone));
  const periodsByGrade = new Map<number, Awaited<ReturnType<typeof periodRefs>>>();
  const studentIds = new Set<number>();
  const parsed = rows.map((r) => {
    const before = JSON.parse(r.before) as { studentId: number; text: string; comment?: string };
    const after = JSON.parse(r.after) as { studentId: number; text: string; comment?: string };
    studentIds.add(after.studentId);
    return { r, before, after };
  });
  const names = new Map(
    (studentIds.size
      ? await ctx.db
          .selectFrom('student')
          .select(['id', 'last_name', 'first_name'])
          .where('id', 'in', [...studentIds])
          .execute()
      : []
    ).map((s) => [s.id, `${s.last_name} ${s.first_name}`]),
  );
  const locks = await ctx.db.selectFrom('journal_lock').selectAll().where('unlocked_at', 'is not', null).execute();
  const out: Correction[] = [];
  for (const { r, before, after } of parsed) {
    if (!periodsByGrade.has(r.grade)) periodsByGrade.set(r.grade, await periodRefs(ctx.db, r.year_id, r.grade));
    const period = periodsByGrade.get(r.grade)!.find((p) => p.start <= r.date && r.date <= p.end);
    const reopened = period
      ? locks
          .filter(
            (k) =>
              k.class_id === r.class_id &&
              k.subject_id === r.subject_id &&
              k.kind === period.kind &&
              k.locked_at <= r.at &&
              k.unlocked_at! <= r.at,
          )
          .pop()
      : undefined;
    const late = lateness('change', r.at, { date: r.date }, timeZone, rules) !== null;
    if (!late && !reopened) continue;
    const text = (c: { text: string; comment?: string }) => [c.text, c.comment].filter(Boolean).join(' — ') || '(пусто)';
    out.push({
      key: `audit:${r.id}`,
      kind: 'correction',
      auditId: r.id,
      at: r.at,
      actor: recordedPerson(r.actor),
      className: r.class_name,
      subjectName: r.subject_name,
      lessonDate: r.date,
      student: names.get(after.studentId) ?? String(after.studentId),
      before: text(before),
      after: text(after),
      what: 'исправление',
      when: reopened ? 'после выставления итоговых отметок' : 'после дня урока',
      reason: reopened?.unlock_reason ?? '',
      delayMinutes: null,
      delay: '',
    });
  }
  const late = await lateEntries(ctx, { yearId: input.yearId, classId: input.classId, from: input.from, to: input.to });
  return [...out, ...late].sort((a, b) => a.at.localeCompare(b.at));
}
