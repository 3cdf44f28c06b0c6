import type { Ctx } from '../../main/kernel/context';
import { smallSchool } from './timetable';

// A hand-made class for the problem lists and the forecast (issue 12, parts 5 and 7): 5А of the small school in its
// 1st quarter (01.09–24.10.2025), lessons and marks written by hand so that every list can be worked out on paper.
//
// Mathematics, the whole class, one lesson a week: L1 01.09 … L6 06.10 held by 10.10; L7 13.10 and L8 20.10 to come.
// English, subgroup 1 (Антонов, Борисов) only: E1 02.09, E2 09.09; E3 14.10 to come.
//
//              L1 01.09  L2 08.09  L3 15.09   L4 22.09  L5 29.09  L6 06.10 | E1 02.09  E2 09.09
//   Антонов      5         5         5          4         4         5      |   2
//   Борисов      2         н         3 (вес 2)  б, 3      2         4      |             н
//   Васильев               2                                        3      |   —         —
//   Григорьев    н         н         б          у         2         2      |   —         —
//
// Weights are 1 except Борисов's «3» in L3 (a test, weight 2). Борисов got a «3» in L4 after his illness (made up).

export const MATH_TOPICS = ['Натуральные числа', 'Сложение', 'Вычитание', 'Умножение', 'Деление', 'Уравнения', 'Задачи', 'Повторение'];
export const MATH_DATES = ['2025-09-01', '2025-09-08', '2025-09-15', '2025-09-22', '2025-09-29', '2025-10-06', '2025-10-13', '2025-10-20'];
export const ENGLISH = [
  { date: '2025-09-02', topic: 'Present Simple' },
  { date: '2025-09-09', topic: 'Past Simple' },
  { date: '2025-10-14', topic: 'Future Simple' },
];

export async function problemClass(ctx: Ctx) {
  const s = await smallSchool(ctx);
  const [antonov, borisov, vasiliev, grigoriev] = s.kids;
  const db = ctx.db;
  const workType = (await db.selectFrom('work_type').select('id').orderBy('position').executeTakeFirstOrThrow()).id;
  const lesson = async (subjectId: number, staffId: number, groupId: number | null, date: string, topic: string) =>
    Number(
      (
        await db
          .insertInto('lesson')
          .values({
            class_id: s.classes.c5,
            group_id: groupId,
            subject_id: subjectId,
            staff_id: staffId,
            room_id: null,
            date,
            lesson_number: 1,
            period_id: null,
            slot_id: null,
            topic,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  const L: number[] = [];
  for (const [i, date] of MATH_DATES.entries()) L.push(await lesson(s.subjects.math, s.staff.mathT, null, date, MATH_TOPICS[i]));
  const E: number[] = [];
  for (const e of ENGLISH) E.push(await lesson(s.subjects.english, s.staff.engA, s.groups.g1, e.date, e.topic));
  const mark = (lessonId: number, studentId: number, value: string, weight = 1) =>
    db
      .insertInto('mark')
      .values({
        lesson_id: lessonId,
        student_id: studentId,
        position: 0,
        value,
        work_type_id: workType,
        weight,
        entered_at: '2025-10-10T09:00:00Z',
        entered_by: 'тест',
      })
      .execute();
  const absent = (lessonId: number, studentId: number, absence: 'н' | 'б' | 'у') =>
    db
      .insertInto('journal_cell')
      .values({ lesson_id: lessonId, student_id: studentId, absence, entered_at: '2025-10-10T09:00:00Z', entered_by: 'тест' })
      .execute();
  for (const [i, v] of ['5', '5', '5', '4', '4', '5'].entries()) await mark(L[i], antonov, v);
  await mark(L[0], borisov, '2');
  await absent(L[1], borisov, 'н');
  await mark(L[2], borisov, '3', 2);
  await absent(L[3], borisov, 'б');
  await mark(L[3], borisov, '3');
  await mark(L[4], borisov, '2');
  await mark(L[5], borisov, '4');
  await mark(L[1], vasiliev, '2');
  await mark(L[5], vasiliev, '3');
  await absent(L[0], grigoriev, 'н');
  await absent(L[1], grigoriev, 'н');
  await absent(L[2], grigoriev, 'б');
  await absent(L[3], grigoriev, 'у');
  await mark(L[4], grigoriev, '2');
  await mark(L[5], grigoriev, '2');
  await mark(E[0], antonov, '2');
  await absent(E[1], borisov, 'н');
  return { s, L, E, antonov, borisov, vasiliev, grigoriev };
}
