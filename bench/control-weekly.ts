import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../db';
import { WEEKLY_KINDS, type WeeklyCounts } from '../main/contract/control-weekly';
import { localDate } from '../main/contract/rules/entry-deadline';
import { weeklyControl } from '../main/control/weekly';
import { systemActor, type Ctx } from '../main/kernel/context';
import { deadlineRules, getSetting } from '../main/kernel/settings';
import { cachedDemo } from './five-year-demo';

// The weekly control report (issue 12 part 3; target: under 1 s) on the five-year demo (bench/five-year-demo.ts), the
// whole school, a week of the demo's last quarter. Reference: the same seven totals computed by plain SQL in the
// `sqlite3` shell on the same file in the same run — written here independently of main/control/weekly.ts, with the
// deadlines inlined as numbers and the school's clock as a fixed UTC offset (the demo school is in Omsk, no daylight
// saving) — and the figures must be equal.

export const ABOUT =
  'The weekly control report (issue 12 part 3; target: under 1 s) on the five-year demo, the whole school, one week of the last quarter, judged at the end of that week. `service` is the median of 5 runs of `weeklyControl()` (after one warm-up); `sqlite3` the same seven totals by plain SQL in the shell on the same file (`.timer on`, the sum of the statements); `equal` says the figures agree. The CPU times (user + sys) depend less on how busy the shared machine is than the wall-clock ones.';

/** Monday of the week the bench reports: the demo's last full teaching week before the 4th quarter's end. */
const WEEK = process.env.SJ_BENCH_CONTROL_WEEK ?? '2026-05-18';

function plainSql(p: {
  year: number;
  from: string;
  to: string;
  cut: string;
  asOfLocal: string;
  off: string;
  rules: { topicDays: number; homeworkMinutes: number; lessonMarkDays: number; controlWorkDays: number; writtenWorkDays: number };
  minMarks: number;
  windowDays: number;
}): string[] {
  const local = (col: string) => `strftime('%Y-%m-%d %H:%M', ${col}, '${p.off}')`;
  const endOfDay = (date: string, days: number) => `date(${date}, '+${days + 1} days') || ' 00:00'`;
  const yearClasses = `(select id from class where year_id = ${p.year})`;
  // the class's last held lesson's end that day, «YYYY-MM-DD HH:MM» + the homework minutes; the day's end without bells
  const homeworkDue = (l: string) => `coalesce(
      (select strftime('%Y-%m-%d %H:%M', ${l}.date || ' ' || max(b.end_time), '+${p.rules.homeworkMinutes} minutes')
       from lesson x join class c on c.id = x.class_id join bell b on b.schedule_id = c.bell_schedule_id and b.lesson_number = x.lesson_number
       where x.class_id = ${l}.class_id and x.date = ${l}.date and x.status = 'held'),
      ${endOfDay(`${l}.date`, 0)})`;
  const asOf = `'${p.asOfLocal}'`;
  const week = `between '${p.from} 00:00' and '${p.to} 23:59'`;
  const missing = `select
      sum(trim(l.topic) = '' and ${asOf} > ${endOfDay('l.date', p.rules.topicDays)}),
      sum(trim(l.homework) = '' and ${asOf} > ${homeworkDue('l')}),
      sum(l.attendance_at is null and ${asOf} > ${endOfDay('l.date', p.rules.topicDays)})
    from lesson l where l.status = 'held' and l.date between '${p.from}' and '${p.cut}' and l.class_id in ${yearClasses}`;
  const markDays = `case when w.name = 'Контрольная работа' then ${p.rules.controlWorkDays}
      when w.name in ('Диктант', 'Сочинение, изложение') then ${p.rules.writtenWorkDays} else ${p.rules.lessonMarkDays} end`;
  const late = `select
      (select count(*) from mark m join lesson l on l.id = m.lesson_id join work_type w on w.id = m.work_type_id
        where l.class_id in ${yearClasses} and ${local('m.entered_at')} ${week}
          and not exists (select 1 from journal_cell j where j.lesson_id = m.lesson_id and j.student_id = m.student_id and j.absence is not null)
          and ${local('m.entered_at')} > date(l.date, '+' || (${markDays} + 1) || ' days') || ' 00:00')
    + (select count(*) from journal_cell j join lesson l on l.id = j.lesson_id
        where j.absence is not null and l.class_id in ${yearClasses} and ${local('j.entered_at')} ${week}
          and ${local('j.entered_at')} > ${endOfDay('l.date', p.rules.topicDays)})
    + (select count(*) from lesson l where l.topic != '' and l.class_id in ${yearClasses} and ${local('l.topic_at')} ${week}
          and ${local('l.topic_at')} > ${endOfDay('l.date', p.rules.topicDays)})
    + (select count(*) from lesson l where l.homework != '' and l.class_id in ${yearClasses} and ${local('l.homework_at')} ${week}
          and ${local('l.homework_at')} > ${homeworkDue('l')})
    + (select count(*) from lesson l where l.status = 'held' and l.class_id in ${yearClasses} and ${local('l.attendance_at')} ${week}
          and ${local('l.attendance_at')} > ${endOfDay('l.date', p.rules.topicDays)})`;
  const onDay = (alias: string, day: string) =>
    `${alias}.start_date <= '${day}' and (${alias}.end_date is null or ${alias}.end_date >= '${day}')`;
  const inGroup = (day: string) =>
    `(jr.group_id is null or exists (select 1 from group_member g where g.group_id = jr.group_id and g.student_id = e.student_id and ${onDay('g', day)}))`;
  const fewMarks = `with jr as (
      select distinct l.class_id, l.subject_id, l.group_id, l.period_id from lesson l
        join study_period p on p.id = l.period_id join class c on c.id = l.class_id
      where c.year_id = ${p.year} and c.grade > 1 and l.status = 'held' and l.date <= '${p.cut}' and '${p.cut}' between p.start_date and p.end_date
    )
    select coalesce(sum(n < ${p.minMarks}), 0) from (
      select (select count(*) from mark m join lesson l on l.id = m.lesson_id
              where l.class_id = jr.class_id and l.subject_id = jr.subject_id and l.group_id is jr.group_id and l.period_id = jr.period_id
                and l.date <= '${p.cut}' and m.student_id = e.student_id) as n
      from jr join enrollment e on e.class_id = jr.class_id and ${onDay('e', p.cut)}
      where ${inGroup(p.cut)})`;
  const cw = (l: string) =>
    `cw.class_id = ${l}.class_id and cw.subject_id = ${l}.subject_id and cw.date = ${l}.date and (cw.lesson_number is null or cw.lesson_number = ${l}.lesson_number)`;
  const works = `select count(*) from (
      select l.date, (select cw.kind from control_work cw where ${cw('l')} limit 1) as kind from lesson l
      left join plan_topic pt on pt.id = l.plan_topic_id
      where l.class_id in ${yearClasses} and l.status = 'held' and l.date <= '${p.cut}'
        and (pt.kind = 'control' or exists (select 1 from control_work cw where cw.year_id = ${p.year} and ${cw('l')}))
        and not exists (select 1 from mark m where m.lesson_id = l.id))
    where ${asOf} > date(date, '+' || (case when kind like '%иктант%' or kind like '%очинен%' or kind like '%зложен%'
                                   then ${p.rules.writtenWorkDays} else ${p.rules.controlWorkDays} end + 1) || ' days') || ' 00:00'`;
  const periodMarks = `select count(*) from study_period p join period_scheme s on s.id = p.scheme_id
      join (select distinct l.class_id, l.subject_id, l.group_id, l.period_id from lesson l join class c on c.id = l.class_id
            where c.grade > 1 and l.status = 'held') jr on jr.period_id = p.id
      join enrollment e on e.class_id = jr.class_id
        and e.start_date <= min(p.end_date, '${p.cut}') and (e.end_date is null or e.end_date >= min(p.end_date, '${p.cut}'))
      where s.year_id = ${p.year} and date(p.end_date, '-${p.windowDays - 1} days') <= '${p.cut}' and date(p.end_date, '+7 days') >= '${p.from}'
        and (jr.group_id is null or exists (select 1 from group_member g where g.group_id = jr.group_id and g.student_id = e.student_id
             and g.start_date <= min(p.end_date, '${p.cut}') and (g.end_date is null or g.end_date >= min(p.end_date, '${p.cut}'))))
        and not exists (select 1 from final_mark f where f.year_id = ${p.year} and f.class_id = jr.class_id and f.subject_id = jr.subject_id
             and f.student_id = e.student_id and f.kind = 'p' || p.number)`;
  return [missing, late, fewMarks, works, periodMarks];
}

export async function run(): Promise<Record<string, unknown>> {
  const demo = await cachedDemo();
  const h = await openDatabase(demo.file);
  try {
    const ctx: Ctx = { db: h.db, actor: systemActor('бенчмарк'), now: () => new Date() };
    const ms: number[] = [];
    const cpu: number[] = [];
    let report = await weeklyControl(ctx, { week: WEEK, classId: null });
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const c = process.cpuUsage();
      report = await weeklyControl(ctx, { week: WEEK, classId: null });
      const used = process.cpuUsage(c);
      ms.push(performance.now() - t);
      cpu.push((used.user + used.system) / 1000);
    }
    ms.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const year = report.yearId;
    const tz = await getSetting(h.db, 'school.timeZone');
    // the zone's offset (Omsk: +06:00 all year), as sqlite3 modifiers take it
    const probe = new Date(`${report.from}T12:00:00Z`);
    const offMin =
      (Date.parse(`${localDate(probe.toISOString(), tz)}T${probe.toLocaleTimeString('en-GB', { timeZone: tz, hourCycle: 'h23' })}Z`) -
        probe.getTime()) /
      60_000;
    const asOfLocal = new Date(Date.parse(report.asOf) + offMin * 60_000).toISOString().slice(0, 16).replace('T', ' ');
    const today = localDate(report.asOf, tz);
    const statements = plainSql({
      year,
      from: report.from,
      to: report.to,
      cut: today < report.to ? today : report.to,
      asOfLocal,
      off: `${offMin >= 0 ? '+' : ''}${offMin} minutes`,
      rules: await deadlineRules(h.db),
      minMarks: await getSetting(h.db, 'journal.minMarks'),
      windowDays: await getSetting(h.db, 'deadline.periodMarksWindowDays'),
    });
    const out = execFileSync('sqlite3', ['-readonly', '-separator', ',', demo.file], {
      input: ['.timer on', ...statements.map((s) => `${s};`)].join('\n'),
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const times = [...out.matchAll(/Run Time: real ([\d.]+) user ([\d.]+) sys ([\d.]+)/g)];
    const shellMs = times.reduce((a, m) => a + Number(m[1]) * 1000, 0);
    const shellCpuMs = times.reduce((a, m) => a + (Number(m[2]) + Number(m[3])) * 1000, 0);
    const values = out
      .split('\n')
      .filter((l) => l && !l.startsWith('Run Time'))
      .flatMap((l) => l.split(',').map(Number));
    const [noTopic, noHomework, noAttendance, late, fewMarks, unmarkedWork, noPeriodMark] = values;
    const shell: WeeklyCounts = { noTopic, noHomework, noAttendance, late, fewMarks, unmarkedWork, noPeriodMark };
    const equal = WEEKLY_KINDS.every((k) => shell[k] === report.totals[k]);
    if (!equal) console.log('service', report.totals, 'sqlite3', shell);
    return {
      database: `${demo.file} (${demo.cached ? 'cached' : `built in ${demo.buildMs} ms`})`,
      week: `${report.from} — ${report.to}`,
      lines: report.lines.length,
      totals: report.totals,
      sqlite3Totals: shell,
      equal,
      serviceMedianMs: +ms[2].toFixed(1),
      serviceMaxMs: +ms[4].toFixed(1),
      serviceCpuMedianMs: +cpu[2].toFixed(1),
      sqlite3Ms: +shellMs.toFixed(1),
      sqlite3CpuMs: +shellCpuMs.toFixed(1),
    };
  } finally {
    await h.close();
  }
}
