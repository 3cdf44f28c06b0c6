import type { Ctx } from '../../main/kernel/context';

// The results fixture (issue 12, part 4): marks written straight into the tables, their figures worked out by hand in
// tests/unit/results-compare.test.ts. 2024/2025: 5А (three students) with year marks; 2025/2026: the same three in
// 6А with 1st- and 2nd-period and year marks, and 5А (two new students) with 1st-period and year marks.

/** Two years of stored period and year marks (and, unless `later` is false, a later year with one mark). */
export async function resultsFixture(db: Ctx['db'], later = true) {
  const year = (name: string, start: string, end: string) =>
    db
      .insertInto('academic_year')
      .values({ name, start_date: start, end_date: end })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  const ya = await year('2024/2025', '2024-09-01', '2025-08-31');
  const yb = await year('2025/2026', '2025-09-01', '2026-08-31');
  const yc = later ? await year('2026/2027', '2026-09-01', '2027-08-31') : null;
  await db
    .insertInto('school')
    .values({ id: 1, full_name: 'МБОУ «Школа № 1»', short_name: 'Школа № 1' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const cls = (year_id: number, grade: number) =>
    db
      .insertInto('class')
      .values({ year_id, grade, letter: 'А', name: `${grade}А`, homeroom_staff_id: null, bell_schedule_id: null, room_id: null })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  const a5 = await cls(ya, 5);
  const b6 = await cls(yb, 6);
  const b5 = await cls(yb, 5);
  const c7 = yc ? await cls(yc, 7) : null;
  const subject = (name: string) =>
    db
      .insertInto('subject')
      .values({ name, short_name: name.slice(0, 4), component: 'federal' })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  const math = await subject('Математика');
  const rus = await subject('Русский язык');
  const student = (last: string) =>
    db
      .insertInto('student')
      .values({ last_name: last, first_name: 'Ученик', birth_date: '2014-01-01', gender: 'м', snils: null })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  const [s1, s2, s3, s4, s5] = [
    await student('Первый'),
    await student('Второй'),
    await student('Третий'),
    await student('Четвёртый'),
    await student('Пятый'),
  ];
  const marks: [number, number, number, string, string, string][] = []; // year, class, student, kind, math, russian
  const put = (y: number, c: number, s: number, kind: string, m: string, r: string) => marks.push([y, c, s, kind, m, r]);
  // 2024/2025, 5А, year marks.
  put(ya, a5, s1, 'year', '5', '4');
  put(ya, a5, s2, 'year', '4', '2');
  put(ya, a5, s3, 'year', '3', '3');
  // 2025/2026, 6А (the same three students).
  put(yb, b6, s1, 'p1', '5', '4');
  put(yb, b6, s2, 'p1', '3', '4');
  put(yb, b6, s3, 'p1', '2', '3');
  put(yb, b6, s1, 'p2', '5', '5');
  put(yb, b6, s2, 'p2', '4', '4');
  put(yb, b6, s3, 'p2', '3', '4');
  put(yb, b6, s1, 'year', '5', '5');
  put(yb, b6, s2, 'year', '4', '4');
  put(yb, b6, s3, 'year', '3', '3');
  // 2025/2026, 5А: no marks for the 2nd period.
  put(yb, b5, s4, 'p1', '5', '5');
  put(yb, b5, s5, 'p1', '2', '4');
  put(yb, b5, s4, 'year', '5', '4');
  put(yb, b5, s5, 'year', '3', '3');
  // 2026/2027: a later year, never in a comparison made from 2025/2026.
  if (yc && c7) put(yc, c7, s1, 'year', '2', '2');
  for (const [year_id, class_id, student_id, kind, m, r] of marks)
    for (const [subject_id, value] of [
      [math, m],
      [rus, r],
    ] as const)
      await db
        .insertInto('final_mark')
        .values({
          year_id,
          class_id,
          subject_id,
          student_id,
          kind: kind as 'year',
          value,
          entered_at: '2026-05-30T10:00:00Z',
          entered_by: 'тест',
        })
        .execute();
  return { ya, yb, b5, students: [s1, s2, s3, s4, s5] };
}
