import { sql } from 'kysely';
import type { Ctx } from '../kernel/context';
import { invalid, notFound } from '../kernel/invalid';
import { getSetting } from '../kernel/settings';
import { fullName } from '../contract/rules/names';
import { isIsoDate } from '../contract/rules/dates';
import { suggestedMark, weightedAverage } from '../contract/rules/final-rules';
import type { Cell } from '../contract/journal-outputs';
import { assertCanReadClass } from '../journal/access';
import { readCells } from '../journal/cell-store';
import { periodAt, periodRefs, rosterOf } from '../journal/roster';

// Notices to parents (seed 000 teacher §5, 003 §4.3.10): a student at risk of «2» for the period (the weighted average
// of the period's marks so far suggests «2»), at risk of «н/а» (more than half of a subject's lessons so far missed), or
// with unexcused absences over a threshold; each with the topics missed or failed. Read through the journal's own
// functions, for the period holding the date, from its start up to the date.

export const DEFAULT_UNEXCUSED = 10;

export interface NoticeTopic {
  date: string;
  topic: string;
  /** 'missed': absent from the lesson; 'failed': a «2» (or «1») in it. */
  why: 'missed' | 'failed';
}

export interface NoticeSubject {
  name: string;
  marks: string[];
  average: number | null;
  held: number;
  missed: number;
  risks: ('2' | 'н/а')[];
  topics: NoticeTopic[];
}

export interface RiskNotice {
  school: { fullName: string; shortName: string };
  cls: { name: string; grade: number; letter: string; homeroom: string | null };
  student: { id: number; name: string };
  period: { name: string; from: string; to: string };
  subjects: NoticeSubject[];
  unexcused: { date: string; subject: string; topic: string }[];
  unexcusedThreshold: number;
}

export async function loadRiskNotices(ctx: Ctx, classId: number, date: string, o: { unexcused?: number } = {}): Promise<RiskNotice[]> {
  if (!isIsoDate(date)) invalid('Дата: ГГГГ-ММ-ДД');
  const threshold = o.unexcused ?? DEFAULT_UNEXCUSED;
  if (!Number.isInteger(threshold) || threshold < 1) invalid('Порог пропусков без уважительной причины: целое число уроков, не меньше 1');
  await assertCanReadClass(ctx, classId);
  const cls = (await ctx.db.selectFrom('class').selectAll().where('id', '=', classId).executeTakeFirst()) ?? notFound('Класс');
  const periods = await periodRefs(ctx.db, cls.year_id, cls.grade);
  const period = periodAt(periods, date);
  if (!period || date < period.start) invalid('На эту дату учебный период ещё не начался');
  const span = { from: period.start, to: date < period.end ? date : period.end };
  const school = await ctx.db.selectFrom('school').select(['full_name', 'short_name']).where('id', '=', 1).executeTakeFirst();
  const homeroom = cls.homeroom_staff_id
    ? await ctx.db
        .selectFrom('staff')
        .select(['last_name', 'first_name', 'middle_name'])
        .where('id', '=', cls.homeroom_staff_id)
        .executeTakeFirst()
    : undefined;
  const useWeights = await getSetting(ctx.db, 'journal.useWeights');
  const roundFrom = await getSetting(ctx.db, 'journal.roundFrom');
  const filter = sql`l.class_id = ${classId} and l.date between ${span.from} and ${span.to} and l.status = 'held'`;
  const lessons = (
    await sql<{ id: number; subject_id: number; group_id: number | null; date: string; topic: string }>`
      select l.id, l.subject_id, l.group_id, l.date, l.topic from lesson l where ${filter} order by l.date, l.lesson_number, l.id`.execute(
      ctx.db,
    )
  ).rows;
  const roster = await rosterOf(ctx.db, classId, null, { start_date: span.from, end_date: span.to });
  if (!roster.length || !lessons.length) return [];
  const ids = roster.map((s) => s.id);
  const people = new Map(
    (await ctx.db.selectFrom('student').select(['id', 'last_name', 'first_name', 'middle_name']).where('id', 'in', ids).execute()).map(
      (p) => [p.id, p],
    ),
  );
  const subjectName = new Map(
    (
      await ctx.db
        .selectFrom('subject')
        .select(['id', 'name'])
        .where('id', 'in', [...new Set(lessons.map((l) => l.subject_id))])
        .execute()
    ).map((s) => [s.id, s.name]),
  );
  const groupIds = [...new Set(lessons.map((l) => l.group_id).filter((g): g is number => g !== null))];
  const inGroup = new Set(
    (groupIds.length
      ? await ctx.db
          .selectFrom('group_member')
          .select(['group_id', 'student_id'])
          .where('group_id', 'in', groupIds)
          .where('student_id', 'in', ids)
          .execute()
      : []
    ).map((m) => `${m.group_id}:${m.student_id}`),
  );
  const cells = await readCells(ctx.db, filter);
  const cellOf = (sid: number, lid: number): Cell | undefined => cells.get(`${sid}:${lid}`);
  const collator = new Intl.Collator('ru');
  const out: RiskNotice[] = [];
  for (const st of roster) {
    const present = (d: string) => st.active.some((r) => r.start_date <= d && d <= r.end_date);
    const mine = lessons.filter((l) => present(l.date) && (l.group_id === null || inGroup.has(`${l.group_id}:${st.id}`)));
    const bySubject = new Map<number, typeof mine>();
    for (const l of mine) bySubject.set(l.subject_id, [...(bySubject.get(l.subject_id) ?? []), l]);
    const subjects: NoticeSubject[] = [];
    const unexcused: RiskNotice['unexcused'] = [];
    for (const [subjectId, ls] of bySubject) {
      const marks = ls.flatMap((l) => cellOf(st.id, l.id)?.marks ?? []);
      const missedLessons = ls.filter((l) => cellOf(st.id, l.id)?.absence);
      for (const l of ls)
        if (cellOf(st.id, l.id)?.absence === 'н')
          unexcused.push({ date: l.date, subject: subjectName.get(subjectId) ?? '', topic: l.topic });
      const average = weightedAverage(marks, useWeights);
      const risks: NoticeSubject['risks'] = [];
      const suggested = suggestedMark(average, roundFrom);
      if (suggested === '2' || suggested === '1') risks.push('2');
      if (ls.length >= 3 && missedLessons.length * 2 > ls.length) risks.push('н/а');
      if (!risks.length) continue;
      const topics: NoticeTopic[] = [];
      for (const l of ls) {
        const c = cellOf(st.id, l.id);
        if (c?.absence) topics.push({ date: l.date, topic: l.topic, why: 'missed' });
        else if (c?.marks.some((m) => m.value === '2' || m.value === '1')) topics.push({ date: l.date, topic: l.topic, why: 'failed' });
      }
      subjects.push({
        name: subjectName.get(subjectId) ?? '',
        marks: marks.map((m) => m.value),
        average,
        held: ls.length,
        missed: missedLessons.length,
        risks,
        topics,
      });
    }
    if (!subjects.length && unexcused.length < threshold) continue;
    const p = people.get(st.id)!;
    out.push({
      school: { fullName: school?.full_name ?? '', shortName: school?.short_name ?? '' },
      cls: { name: cls.name, grade: cls.grade, letter: cls.letter, homeroom: homeroom ? fullName(homeroom) : null },
      student: { id: st.id, name: fullName(p) },
      period: { name: period.name, ...span },
      subjects: subjects.sort((a, b) => collator.compare(a.name, b.name)),
      unexcused: unexcused.length >= threshold ? unexcused.sort((a, b) => a.date.localeCompare(b.date)) : [],
      unexcusedThreshold: threshold,
    });
  }
  return out;
}
