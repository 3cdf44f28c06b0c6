import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { saveCell } from '../../main/journal/cells';
import { addDaysIso, holidayCovers, isoWeekday, studyDays, type HolidaySpan, type PeriodRange } from '../../main/timetable/calendar';
import { generateLessons } from '../../main/timetable/lessons';
import { diffLessons, plannedLessons, type Existing, type Planned, type SlotLike } from '../../main/timetable/plan-lessons';
import { savePlanTopics } from '../../main/timetable/plans';
import * as timetable from '../../main/timetable/timetable';
import { tempDb } from '../helpers/db';
import { plainWeek, smallSchool } from '../helpers/timetable';

// --- pure properties ---

const YEAR_START = '2025-09-01';
const arbCalendar = fc.record({
  periods: fc.array(fc.record({ offset: fc.integer({ min: 0, max: 250 }), length: fc.integer({ min: 0, max: 60 }) }), {
    minLength: 1,
    maxLength: 4,
  }),
  holidays: fc.array(
    fc.record({
      offset: fc.integer({ min: 0, max: 300 }),
      length: fc.integer({ min: 0, max: 14 }),
      grades: fc.subarray([1, 2, 5, 9, 10], { maxLength: 2 }),
    }),
    { maxLength: 6 },
  ),
  grade: fc.constantFrom(1, 2, 5, 9, 10),
  weekDays: fc.constantFrom(5, 6),
  slots: fc.array(
    fc.record({
      weekday: fc.integer({ min: 1, max: 6 }),
      lesson_number: fc.integer({ min: 1, max: 7 }),
      subject_id: fc.integer({ min: 1, max: 5 }),
      group: fc.constantFrom(null, 1, 2),
    }),
    { maxLength: 30 },
  ),
});

type Cal = typeof arbCalendar extends fc.Arbitrary<infer T> ? T : never;

function buildCalendar(c: Cal) {
  // Periods laid one after another so that they never overlap.
  let at = 0;
  const periods: PeriodRange[] = c.periods.map((p, i) => {
    const start = addDaysIso(YEAR_START, at + (p.offset % 20));
    const end = addDaysIso(start, p.length);
    at += (p.offset % 20) + p.length + 1;
    return { id: i + 1, number: i + 1, start_date: start, end_date: end };
  });
  const holidays: HolidaySpan[] = c.holidays.map((h) => ({
    start_date: addDaysIso(YEAR_START, h.offset),
    end_date: addDaysIso(YEAR_START, h.offset + h.length),
    grades: h.grades,
  }));
  const slots: SlotLike[] = c.slots
    .filter((s) => s.weekday <= c.weekDays)
    .map((s, i) => ({
      id: i + 1,
      group_id: s.group,
      weekday: s.weekday,
      lesson_number: s.lesson_number,
      subject_id: s.subject_id,
      staff_id: 1,
      room_id: null,
    }));
  return { periods, holidays, slots };
}

test('property: no lesson on a holiday of the grade or a non-working day, none outside the periods', () => {
  fc.assert(
    fc.property(arbCalendar, (c) => {
      const { periods, holidays, slots } = buildCalendar(c);
      const days = studyDays(periods, holidays, c.grade, c.weekDays);
      const lessons = plannedLessons(days, [{ valid_from: YEAR_START, slots }]);
      for (const l of lessons) {
        assert.ok(isoWeekday(l.date) <= c.weekDays, `${l.date} is not a working day`);
        assert.ok(!holidays.some((h) => holidayCovers(h, c.grade, l.date)), `${l.date} is a holiday`);
        const p = periods.find((x) => x.id === l.period_id)!;
        assert.ok(p.start_date <= l.date && l.date <= p.end_date, `${l.date} outside its period`);
      }
    }),
    { numRuns: 300 },
  );
});

test('property: every timetable slot becomes exactly one lesson on each study day of its weekday', () => {
  fc.assert(
    fc.property(arbCalendar, (c) => {
      const { periods, holidays, slots } = buildCalendar(c);
      const days = studyDays(periods, holidays, c.grade, c.weekDays);
      const lessons = plannedLessons(days, [{ valid_from: YEAR_START, slots }]);
      const seen = new Set(lessons.map((l) => `${l.slot_id}|${l.date}`));
      assert.equal(seen.size, lessons.length, 'a slot produced two lessons on one date');
      for (const d of days)
        for (const s of slots) if (s.weekday === d.weekday) assert.ok(seen.has(`${s.id}|${d.date}`), `slot ${s.id} missing on ${d.date}`);
      // and every study day of the periods is counted: working days minus holidays
      for (const p of periods)
        for (let d = p.start_date; d <= p.end_date; d = addDaysIso(d, 1)) {
          const study = isoWeekday(d) <= c.weekDays && !holidays.some((h) => holidayCovers(h, c.grade, d));
          assert.equal(
            days.some((x) => x.date === d),
            study,
            d,
          );
        }
    }),
    { numRuns: 300 },
  );
});

/** Applies a diff to lessons in memory, as the service does in the database. */
function apply(existing: Existing[], diff: ReturnType<typeof diffLessons>): Existing[] {
  const del = new Set(diff.deletes);
  const out = existing.filter((e) => !del.has(e.id)).map((e) => ({ ...e }));
  const byId = new Map(out.map((e) => [e.id, e]));
  const put = (e: Existing, p: Planned) =>
    Object.assign(e, {
      date: p.date,
      lesson_number: p.lesson_number,
      staff_id: p.staff_id,
      room_id: p.room_id,
      slot_id: p.slot_id,
      period_id: p.period_id,
    });
  for (const m of diff.moves) put(byId.get(m.id)!, m.to);
  for (const u of diff.updates)
    if (u.onlyLinks) Object.assign(byId.get(u.id)!, { slot_id: u.to.slot_id, period_id: u.to.period_id });
    else put(byId.get(u.id)!, u.to);
  let id = 100_000;
  for (const p of diff.inserts) out.push({ id: id++, ...p, origin: 'timetable', status: 'held', hasData: false });
  return out;
}

test('property: regeneration keeps every lesson with data where it was and reaches the new timetable otherwise', () => {
  const arb = fc.record({
    a: arbCalendar,
    change: fc.array(fc.record({ weekday: fc.integer({ min: 1, max: 5 }), lesson_number: fc.integer({ min: 1, max: 7 }) }), {
      maxLength: 30,
    }),
    data: fc.array(fc.boolean(), { maxLength: 400 }),
    staffShift: fc.integer({ min: 0, max: 2 }),
  });
  fc.assert(
    fc.property(arb, ({ a, change, data, staffShift }) => {
      const { periods, holidays, slots } = buildCalendar(a);
      const days = studyDays(periods, holidays, a.grade, a.weekDays);
      const before = plannedLessons(days, [{ valid_from: YEAR_START, slots }]);
      // Existing lessons from the old timetable; some hold data.
      const existing: Existing[] = before.map((p, i) => ({
        id: i + 1,
        ...p,
        origin: 'timetable',
        status: 'held',
        hasData: data[i % Math.max(1, data.length)] ?? false,
      }));
      // The new timetable moves some slots and changes some teachers.
      const changed = slots.map((s, i) => ({
        ...s,
        weekday: change[i]?.weekday ?? s.weekday,
        lesson_number: change[i]?.lesson_number ?? s.lesson_number,
        staff_id: i % 3 === 0 ? 1 + staffShift : 1,
      }));
      const after = plannedLessons(days, [{ valid_from: YEAR_START, slots: changed }]);
      const diff = diffLessons(existing, after);
      const result = apply(existing, diff);
      const byId = new Map(result.map((e) => [e.id, e]));
      for (const e of existing.filter((x) => x.hasData)) {
        const now = byId.get(e.id);
        assert.ok(now, `lesson ${e.id} with data was deleted`);
        assert.equal(now.date, e.date);
        assert.equal(now.lesson_number, e.lesson_number);
        assert.equal(now.staff_id, e.staff_id);
      }
      assert.ok(!diff.deletes.some((id) => existing.find((e) => e.id === id)!.hasData));
      // Every planned lesson exists, or a conflict says why not.
      const key = (l: { date: string; lesson_number: number; group_id: number | null; subject_id: number }) =>
        `${l.date}|${l.lesson_number}|${l.group_id}|${l.subject_id}`;
      const have = new Map<string, number>();
      for (const r of result) have.set(key(r), (have.get(key(r)) ?? 0) + 1);
      const blocked = new Set(diff.conflicts.filter((c) => c.kind === 'blocked').map(key));
      for (const p of after) assert.ok((have.get(key(p)) ?? 0) > 0 || blocked.has(key(p)), `planned ${key(p)} missing`);
      // Nothing without data stays that the new timetable does not ask for.
      const wanted = new Map<string, number>();
      for (const p of after) wanted.set(key(p), (wanted.get(key(p)) ?? 0) + 1);
      for (const r of result) if (!r.hasData) assert.ok((wanted.get(key(r)) ?? 0) > 0, `stale lesson ${key(r)} kept`);
      // A second diff from the result changes nothing but what data blocks.
      const again = diffLessons(result, after);
      assert.equal(again.inserts.length + again.moves.length + again.deletes.length, 0);
    }),
    { numRuns: 200 },
  );
});

// --- in the database ---

test('generation over a real calendar: holidays, six-day week, shifts, idempotent', async () => {
  const t = await tempDb();
  try {
    const s = await smallSchool(t.ctx);
    await plainWeek(t.ctx, s);
    const r = await generateLessons(t.ctx, { yearId: s.yearId });
    assert.equal(r.totals.conflicts, 0);
    const lessons = await t.db.selectFrom('lesson').selectAll().execute();
    assert.equal(lessons.length, r.totals.added);
    const of = (c: number) => lessons.filter((l) => l.class_id === c);
    // 1А has the extra February holidays, 5А does not
    assert.equal(of(s.classes.c1).filter((l) => l.date >= '2026-02-16' && l.date <= '2026-02-20').length, 0);
    assert.equal(
      of(s.classes.c5).filter((l) => l.date >= '2026-02-16' && l.date <= '2026-02-20' && l.subject_id === s.subjects.math).length,
      5,
    );
    // nobody on 23 February, in the autumn holidays or on Sundays; Saturdays only in 10А
    assert.equal(lessons.filter((l) => l.date === '2026-02-23' || (l.date >= '2025-10-25' && l.date <= '2025-11-04')).length, 0);
    assert.equal(lessons.filter((l) => isoWeekday(l.date) === 7).length, 0);
    assert.ok(of(s.classes.c10).some((l) => isoWeekday(l.date) === 6));
    assert.equal(lessons.filter((l) => isoWeekday(l.date) === 6 && l.class_id !== s.classes.c10).length, 0);
    // both English subgroups have their own lesson each Tuesday
    const tuesdays = of(s.classes.c5).filter((l) => l.subject_id === s.subjects.english);
    assert.equal(tuesdays.filter((l) => l.group_id === s.groups.g1).length, tuesdays.filter((l) => l.group_id === s.groups.g2).length);
    assert.ok(lessons.every((l) => l.period_id !== null));
    // running it again changes nothing; one audit row per class per run that changed something
    const again = await generateLessons(t.ctx, { yearId: s.yearId });
    assert.deepEqual(
      { ...again.totals, unchanged: 0 },
      { added: 0, moved: 0, updated: 0, removed: 0, unchanged: 0, topics: 0, conflicts: 0 },
    );
    const audits = await t.db.selectFrom('audit_log').select('class_id').where('action', '=', 'generate').execute();
    assert.equal(audits.length, 3);
  } finally {
    await t.cleanup();
  }
});

test('regeneration keeps lessons with a typed topic, a substitution or marks, and reports them', async () => {
  const t = await tempDb();
  try {
    const s = await smallSchool(t.ctx);
    await plainWeek(t.ctx, s);
    await generateLessons(t.ctx, { yearId: s.yearId });
    const math5 = await t.db
      .selectFrom('lesson')
      .selectAll()
      .where('class_id', '=', s.classes.c5)
      .where('subject_id', '=', s.subjects.math)
      .orderBy('date')
      .execute();
    const [typed, marked, plain] = [math5[0], math5[1], math5[2]];
    await t.db
      .updateTable('lesson')
      .set({ topic: 'Натуральные числа', entered_at: '2025-09-01T10:00:00Z' })
      .where('id', '=', typed.id)
      .execute();
    // A mark typed through the journal (the journal registers its tables as lesson data).
    await saveCell({ ...t.ctx, now: () => new Date('2026-06-01T12:00:00Z') }, { lessonId: marked.id, studentId: s.kids[0], text: '5' });

    // The deputy moves 5А's mathematics from lesson 1 to lesson 4 on every day.
    const slots = await t.db
      .selectFrom('timetable_slot')
      .selectAll()
      .where('class_id', '=', s.classes.c5)
      .where('subject_id', '=', s.subjects.math)
      .execute();
    for (const sl of slots)
      await timetable.saveSlot(t.ctx, {
        id: sl.id,
        versionId: s.versionId,
        classId: sl.class_id,
        groupId: null,
        weekday: sl.weekday,
        lesson_number: 4,
        subjectId: sl.subject_id,
        staffId: sl.staff_id,
        roomId: sl.room_id,
      });
    const r = await generateLessons(t.ctx, { yearId: s.yearId });
    const c5 = r.classes.find((c) => c.classId === s.classes.c5)!;
    assert.equal(c5.conflicts.filter((c) => c.kind === 'obsolete-kept').length, 2);
    assert.ok(c5.conflicts.every((c) => c.message.includes('5А')));
    const now = new Map((await t.db.selectFrom('lesson').selectAll().execute()).map((l) => [l.id, l]));
    assert.equal(now.get(typed.id)!.lesson_number, 1, 'the lesson with a typed topic stays');
    assert.equal(now.get(typed.id)!.topic, 'Натуральные числа');
    assert.equal(now.get(marked.id)!.lesson_number, 1, 'the lesson with marks stays');
    assert.equal(now.get(plain.id)?.lesson_number ?? 4, 4, 'a lesson without data moves or is replaced');
    const at4 = [...now.values()].filter((l) => l.class_id === s.classes.c5 && l.subject_id === s.subjects.math && l.lesson_number === 4);
    // the timetable's lessons at №4 all exist, including on the two dates whose №1 lesson was kept
    assert.equal(at4.length, math5.length);
    // Deleting the slots: lessons with data are still kept
    for (const sl of slots) await timetable.deleteSlot(t.ctx, sl.id);
    const r2 = await generateLessons(t.ctx, { yearId: s.yearId });
    assert.equal(r2.classes.find((c) => c.classId === s.classes.c5)!.removed, math5.length);
    const left = await t.db
      .selectFrom('lesson')
      .select('id')
      .where('class_id', '=', s.classes.c5)
      .where('subject_id', '=', s.subjects.math)
      .execute();
    assert.deepEqual(
      left.map((l) => l.id).sort((a, b) => a - b),
      [typed.id, marked.id].sort((a, b) => a - b),
    );
  } finally {
    await t.cleanup();
  }
});

test('a new timetable version from a date regenerates only from that date; topics follow the plan in order', async () => {
  const t = await tempDb();
  try {
    const s = await smallSchool(t.ctx);
    await plainWeek(t.ctx, s);
    await savePlanTopics(t.ctx, {
      yearId: s.yearId,
      subjectId: s.subjects.russian,
      grade: 5,
      classId: null,
      name: 'Русский 5',
      source: 'тест',
      topics: [
        { position: 1, title: 'Фонетика', hours: 2, kind: 'ordinary', homework: '' },
        { position: 2, title: 'Диктант', hours: 1, kind: 'control', homework: '' },
        { position: 3, title: 'Лексика', hours: 1, kind: 'ordinary', homework: '' },
      ],
    });
    await generateLessons(t.ctx, { yearId: s.yearId });
    const rus = await t.db
      .selectFrom('lesson')
      .selectAll()
      .where('class_id', '=', s.classes.c5)
      .where('subject_id', '=', s.subjects.russian)
      .orderBy('date')
      .execute();
    assert.deepEqual(
      rus.slice(0, 5).map((l) => l.topic),
      ['Фонетика', 'Фонетика', 'Диктант', 'Лексика', ''],
    );

    const v2 = await timetable.saveVersion(t.ctx, {
      id: null,
      yearId: s.yearId,
      name: 'С 3 четверти',
      valid_from: '2026-01-12',
      copyFrom: s.versionId,
    });
    const slots = await t.db
      .selectFrom('timetable_slot')
      .selectAll()
      .where('version_id', '=', v2)
      .where('class_id', '=', s.classes.c10)
      .execute();
    for (const sl of slots) await timetable.deleteSlot(t.ctx, sl.id);
    const before = await t.db.selectFrom('lesson').select(['id', 'date']).where('class_id', '=', s.classes.c10).execute();
    const r = await generateLessons(t.ctx, { yearId: s.yearId, from: '2026-01-12' });
    const after = await t.db.selectFrom('lesson').select(['id', 'date']).where('class_id', '=', s.classes.c10).execute();
    assert.equal(r.classes.find((c) => c.classId === s.classes.c10)!.removed, before.filter((l) => l.date >= '2026-01-12').length);
    assert.deepEqual(
      after.map((l) => l.id),
      before.filter((l) => l.date < '2026-01-12').map((l) => l.id),
    );
  } finally {
    await t.cleanup();
  }
});
