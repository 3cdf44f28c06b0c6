import { AppError } from '../../db/index';
import type { Ctx } from '../kernel/context';
import type { ParsedInput } from '../contract/index';
import {
  RISK_ABSENCE_SHARE,
  type MissedLesson,
  type ProblemLists,
  type RiskKind,
  type RiskRow,
  type UnsatisfactoryMark,
} from '../contract/control-problems';
import { markNumber } from '../contract/rules/cell-text';
import { countOf, plural } from '../contract/rules/plural';
import { ruNumber } from '../contract/rules/numbers';
import { getYear } from '../school/years';
import { studentForecast } from './forecast';
import { analysisScope, classesOf, classPeriod, loadPeriodJournal, markRules, SCOPE_FORBIDDEN } from './period-journal';
import { schoolToday } from '../kernel/school-clock';

// Problem lists (seed 001, deputy §13; issue 12, part 5), per student, for a period up to today (or its end):
// - unsatisfactory marks («1», «2» with or without «+/−», «незач») with the topics of those lessons;
// - missed lessons (any reason) with their topics, for catch-up work;
// - students at risk of «н/а» (fewer marks than the school's minimum, or more than half of the lessons so far missed)
//   or of «2» (the forecast's projected mark is «2», or «незач» in a pass/fail subject).
// A subject where no student of the class has a mark in the period (learning without marks, a subject not begun) has
// no risks: there is nothing to be at risk of.

const MARKS: [string, string, string] = ['отметка', 'отметки', 'отметок'];
const LESSONS: [string, string, string] = ['урока', 'уроков', 'уроков'];
const MARKS_GENITIVE: [string, string, string] = ['отметки', 'отметок', 'отметок'];

export const PROBLEM_RULES = (minMarks: number): string[] => [
  'Неудовлетворительные отметки: «1», «2» (в том числе с «+» или «−») и «незач» за уроки периода, с темой урока.',
  'Пропуски: уроки периода, на которых ученик отсутствовал (по любой причине), с темой урока; «отработан» — за этот урок потом поставлена отметка.',
  `Риск «н/а»: меньше ${minMarks} ${plural(minMarks, MARKS_GENITIVE)} (минимум школы) или пропущено больше ${ruNumber(RISK_ABSENCE_SHARE * 100)} % проведённых уроков.`,
  'Риск «2»: прогнозная отметка за период «2» (или «незач» по зачётному предмету) — см. «Прогноз».',
];

const isUnsatisfactory = (value: string) => value === 'незач' || (markNumber(value) ?? 3) < 3;

/** «пропущено 9 из 14 уроков (64 %)». */
function missedText(absences: number, lessons: number): string {
  return `пропущено ${absences} из ${lessons} ${plural(lessons, LESSONS)} (${ruNumber((absences / lessons) * 100)} %)`;
}

export async function problemLists(ctx: Ctx, input: ParsedInput<'problems.list'>): Promise<ProblemLists> {
  const year = await getYear(ctx.db, input.yearId);
  const scope = await analysisScope(ctx, input.yearId);
  if (input.classId !== null && !scope.mayClass(input.classId)) throw new AppError('FORBIDDEN', SCOPE_FORBIDDEN);
  const today = await schoolToday(ctx);
  const rules = await markRules(ctx);
  const unsatisfactory: UnsatisfactoryMark[] = [];
  const missed: MissedLesson[] = [];
  const risks: RiskRow[] = [];
  const collator = new Intl.Collator('ru');
  const byStudent = <T extends { student: string; studentId: number; subject: string }>(a: T, b: T) =>
    collator.compare(a.student, b.student) || a.studentId - b.studentId || collator.compare(a.subject, b.subject);
  const byDate = (a: { date: string; lessonNumber: number }, b: { date: string; lessonNumber: number }) =>
    a.date.localeCompare(b.date) || a.lessonNumber - b.lessonNumber;
  const periodNames = new Set<string>();
  let asOfAll = '';
  for (const cls of await classesOf(ctx, input.yearId, input.classId)) {
    if (!scope.mayClass(cls.id)) continue;
    const period = await classPeriod(ctx, input.yearId, cls.grade, input.period, today);
    const pj = await loadPeriodJournal(ctx, cls.id, period);
    const asOf = today < period.end ? today : period.end;
    const subjects = pj.subjects.filter((s) => scope.may(cls.id, s.id));
    if (!subjects.length) continue;
    periodNames.add(period.name);
    if (asOf > asOfAll) asOfAll = asOf;
    const classMarks: UnsatisfactoryMark[] = [];
    const classMissed: MissedLesson[] = [];
    const classRisks: RiskRow[] = [];
    const lessonById = new Map(pj.lessons.map((l) => [l.id, l]));
    const subjectById = new Map(subjects.map((s) => [s.id, s]));
    const withMarks = new Set(pj.marks.map((m) => lessonById.get(m.lessonId)?.subjectId));
    const marked = new Set(pj.marks.map((m) => `${m.studentId}:${m.lessonId}`));
    const studentById = new Map(pj.students.map((s) => [s.id, s]));
    const who = (studentId: number, subjectId: number) => ({
      studentId,
      student: studentById.get(studentId)?.name ?? '',
      classId: cls.id,
      className: cls.name,
      subjectId,
      subject: subjectById.get(subjectId)!.name,
    });
    for (const m of pj.marks) {
      const l = lessonById.get(m.lessonId)!;
      if (l.date > asOf || !subjectById.has(l.subjectId) || !isUnsatisfactory(m.value)) continue;
      classMarks.push({
        ...who(m.studentId, l.subjectId),
        date: l.date,
        lessonNumber: l.lessonNumber,
        value: m.value,
        topic: l.topic,
        workType: m.workType,
      });
    }
    for (const a of pj.absences) {
      const l = lessonById.get(a.lessonId)!;
      if (l.date > asOf || !subjectById.has(l.subjectId)) continue;
      classMissed.push({
        ...who(a.studentId, l.subjectId),
        date: l.date,
        lessonNumber: l.lessonNumber,
        topic: l.topic,
        absence: a.absence,
        madeUp: marked.has(`${a.studentId}:${a.lessonId}`),
      });
    }
    for (const s of subjects) {
      if (!withMarks.has(s.id)) continue;
      for (const st of pj.students) {
        const f = studentForecast(pj, st, s, asOf, rules);
        if (f.held === 0) continue;
        const absences = pj.absences.filter((a) => a.studentId === st.id && f.lessonIds.has(a.lessonId)).length;
        const kinds: RiskKind[] = [];
        const reasons: string[] = [];
        if (f.count < rules.minMarks) reasons.push(`${countOf(f.count, MARKS)} при минимуме ${rules.minMarks}`);
        if (absences / f.held > RISK_ABSENCE_SHARE) reasons.push(missedText(absences, f.held));
        if (reasons.length) kinds.push('н/а');
        if (f.projected === '2' || f.projected === 'незач') {
          kinds.push('2');
          reasons.push(
            f.average !== null
              ? `средний балл ${ruNumber(f.average, 2, true)} — прогноз «${f.projected}»`
              : `последняя отметка «незач» — прогноз «незач»`,
          );
        }
        if (!kinds.length) continue;
        classRisks.push({
          ...who(st.id, s.id),
          risks: kinds,
          reasons,
          marks: f.count,
          average: f.average,
          projected: f.projected,
          absences,
          lessons: f.held,
        });
      }
    }
    unsatisfactory.push(...classMarks.sort((a, b) => byStudent(a, b) || byDate(a, b)));
    missed.push(...classMissed.sort((a, b) => byStudent(a, b) || byDate(a, b)));
    risks.push(...classRisks.sort(byStudent));
  }
  return {
    yearName: year.name,
    periodName: [...periodNames].join(', '),
    asOf: asOfAll,
    minMarks: rules.minMarks,
    unsatisfactory,
    missed,
    risks,
    rules: PROBLEM_RULES(rules.minMarks),
  };
}
