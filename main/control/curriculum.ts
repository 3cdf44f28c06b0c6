import { sql } from 'kysely';
import type { Ctx } from '../kernel/context';
import type { ParsedInput } from '../contract/index';
import type { ProgrammeReport, ProgrammeRow } from '../contract/control-monitoring';
import { schoolToday } from '../kernel/school-clock';
import { getYear } from '../school/years';
import { readerScope, visible } from './scope';

// The curriculum's fulfilment (выполнение программы; issue 12, part 8): per class, subject and group, the lessons
// the timetable planned, those given and those lost up to today on the school's clock, and the thematic plan's topics
// passed against those due. One aggregate query over the year's lessons; lessons after today never count.
//
// - planned: lessons the timetable put on the class's days (`moved_from_id is null`: the new lesson a move makes is
//   not planned twice; a lesson added by hand is planned);
// - given: lessons held (status «held»), the new lessons of moves and the added ones included;
// - cancelled: lessons cancelled; lost = planned − given when positive (a cancelled lesson, or a moved one whose new
//   date is still ahead); fulfilled = given ÷ planned × 100 %;
// - topics due: the plan's topics on lessons held up to today (the plan puts one hour of a topic on each held lesson
//   in order, main/timetable/plan-lessons.ts); passed: of those, the topics of a lesson the teacher has written up.

export const PROGRAMME_NOTES: readonly string[] = [
  'Считаются уроки с начала учебного года по сегодняшний день включительно; уроки после сегодняшнего дня не учитываются (кроме графы «по расписанию на год»).',
  'Запланировано — уроки по расписанию (перенесённый урок считается один раз, добавленный вручную — запланированным).',
  'Дано — проведённые уроки (с уроками, перенесёнными на другой день, и добавленными). Отменено — отменённые уроки.',
  'Потеряно = запланировано − дано (если больше нуля): отменённые уроки и перенесённые на ещё не наступивший день.',
  'Выполнение = дано ÷ запланировано × 100 %.',
  'Темы к сегодняшнему дню — темы тематического плана на проведённых уроках; пройдено — темы уроков, записанных учителем.',
];

const pct = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : null);

export async function programmeReport(ctx: Ctx, input: ParsedInput<'programme.report'>): Promise<ProgrammeReport> {
  const year = await getYear(ctx.db, input.yearId);
  const today = await schoolToday(ctx);
  const cls = input.classId ? sql`and l.class_id = ${input.classId}` : sql``;
  const rows = (
    await sql<{
      class_id: number;
      subject_id: number;
      group_id: number | null;
      class_name: string;
      subject_name: string;
      group_name: string | null;
      year_planned: number;
      planned: number;
      given: number;
      cancelled: number;
      topics_due: number;
      topics_passed: number;
    }>`
      select l.class_id, l.subject_id, l.group_id, c.name as class_name, s.name as subject_name, g.name as group_name,
        sum(case when l.moved_from_id is null then 1 else 0 end) as year_planned,
        sum(case when l.moved_from_id is null and l.date <= ${today} then 1 else 0 end) as planned,
        sum(case when l.status = 'held' and l.date <= ${today} then 1 else 0 end) as given,
        sum(case when l.status = 'cancelled' and l.date <= ${today} then 1 else 0 end) as cancelled,
        count(distinct case when l.status = 'held' and l.date <= ${today} then l.plan_topic_id end) as topics_due,
        count(distinct case when l.status = 'held' and l.date <= ${today} and l.entered_at is not null then l.plan_topic_id end)
          as topics_passed
      from lesson l join class c on c.id = l.class_id join subject s on s.id = l.subject_id
        left join study_group g on g.id = l.group_id
      where c.year_id = ${input.yearId} ${cls} and ${visible(readerScope(ctx, input.yearId), 'l')}
      group by l.class_id, l.subject_id, l.group_id, c.name, s.name, g.name, c.grade, c.letter
      order by c.grade, c.letter, s.name, g.name`.execute(ctx.db)
  ).rows;
  // The plan of each class and subject: the class's own, else its grade's.
  const plans = (
    await sql<{ class_id: number; subject_id: number; name: string; own: number; topics: number }>`
      select c.id as class_id, p.subject_id, p.name, case when p.class_id is not null then 1 else 0 end as own,
        (select count(*) from plan_topic t where t.plan_id = p.id) as topics
      from thematic_plan p join class c on c.year_id = p.year_id and c.grade = p.grade and (p.class_id is null or p.class_id = c.id)
      where p.year_id = ${input.yearId}`.execute(ctx.db)
  ).rows;
  const planOf = new Map<string, { name: string; own: number; topics: number }>();
  for (const p of plans) {
    const k = `${p.class_id}:${p.subject_id}`;
    const had = planOf.get(k);
    if (!had || (p.own && !had.own)) planOf.set(k, { name: p.name, own: Number(p.own), topics: Number(p.topics) });
  }
  const out: ProgrammeRow[] = rows.map((r) => {
    const [planned, given] = [Number(r.planned), Number(r.given)];
    const plan = planOf.get(`${r.class_id}:${r.subject_id}`);
    return {
      key: `${r.class_id}:${r.subject_id}:${r.group_id ?? 0}`,
      classId: r.class_id,
      className: r.class_name,
      subjectName: r.subject_name,
      groupName: r.group_name,
      yearPlanned: Number(r.year_planned),
      planned,
      given,
      cancelled: Number(r.cancelled),
      lost: Math.max(planned - given, 0),
      fulfilled: pct(given, planned),
      planName: plan?.name ?? null,
      topicsPlanned: plan?.topics ?? 0,
      topicsDue: Number(r.topics_due),
      topicsPassed: Number(r.topics_passed),
    };
  });
  const total = (k: 'yearPlanned' | 'planned' | 'given' | 'cancelled' | 'lost' | 'topicsPlanned' | 'topicsDue' | 'topicsPassed') =>
    out.reduce((s, r) => s + r[k], 0);
  return {
    yearName: year.name,
    today,
    rows: out,
    total: {
      key: 'total',
      classId: input.classId ?? 0,
      className: 'Итого',
      subjectName: '',
      groupName: null,
      planName: null,
      yearPlanned: total('yearPlanned'),
      planned: total('planned'),
      given: total('given'),
      cancelled: total('cancelled'),
      lost: total('lost'),
      fulfilled: pct(total('given'), total('planned')),
      topicsPlanned: total('topicsPlanned'),
      topicsDue: total('topicsDue'),
      topicsPassed: total('topicsPassed'),
    },
    notes: PROGRAMME_NOTES,
  };
}
