import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../db';
import { systemActor, type Ctx } from '../main/kernel/context';
import { runDemo } from '../main/demo';
import { generateLessons } from '../main/timetable/lessons';
import * as timetable from '../main/timetable/timetable';

// Generating the whole demo school's year of lessons (43 classes) and regenerating after one
// timetable change. Reference: inserting the same number of rows with one prepared better-sqlite3
// statement in one transaction, the floor any generator on this machine is measured against.

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = process.hrtime.bigint();
  const r = await fn();
  return [r, Number(process.hrtime.bigint() - t) / 1e6];
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-bench-tt-'));
  const h = await openDatabase(path.join(dir, 'bench.sqlite'));
  try {
    const ctx: Ctx = { db: h.db, actor: systemActor('бенчмарк'), now: () => new Date() };
    const [, demoMs] = await time(() => runDemo(h.db, h.raw, ctx.actor, { seed: 2025, today: '2026-06-30' }));
    const year = await h.db.selectFrom('academic_year').select('id').executeTakeFirstOrThrow();
    // Start from a school without lessons (bench copy only: the journal's entries and substitutions go too).
    h.raw.exec(
      'delete from mark; delete from journal_cell; delete from substitution; update lesson set moved_from_id = null; delete from lesson;',
    );

    const [full, fullMs] = await time(() => generateLessons(ctx, { yearId: year.id }));
    const [same, sameMs] = await time(() => generateLessons(ctx, { yearId: year.id }));

    // One change: 5А's first Monday lesson moves to the end of the day.
    const cls = await h.db.selectFrom('class').select(['id', 'bell_schedule_id']).where('name', '=', '5А').executeTakeFirstOrThrow();
    const version = await h.db.selectFrom('timetable_version').select('id').executeTakeFirstOrThrow();
    const slot = await h.db
      .selectFrom('timetable_slot')
      .selectAll()
      .where('class_id', '=', cls.id)
      .where('weekday', '=', 1)
      .orderBy('lesson_number')
      .executeTakeFirstOrThrow();
    const monday = await h.db
      .selectFrom('timetable_slot')
      .select('lesson_number')
      .where('class_id', '=', cls.id)
      .where('weekday', '=', 1)
      .execute();
    const lastBell = await h.db
      .selectFrom('bell')
      .select('lesson_number')
      .where('schedule_id', '=', cls.bell_schedule_id!)
      .orderBy('lesson_number', 'desc')
      .executeTakeFirstOrThrow();
    const free = Math.min(lastBell.lesson_number, Math.max(...monday.map((m) => m.lesson_number)) + 1);
    await timetable.saveSlot(ctx, {
      id: slot.id,
      versionId: version.id,
      classId: cls.id,
      groupId: slot.group_id,
      weekday: 1,
      lesson_number: free,
      subjectId: slot.subject_id,
      staffId: slot.staff_id,
      roomId: slot.room_id,
    });
    const [changed, changedMs] = await time(() => generateLessons(ctx, { yearId: year.id }));
    await timetable.saveSlot(ctx, {
      id: slot.id,
      versionId: version.id,
      classId: cls.id,
      groupId: slot.group_id,
      weekday: 1,
      lesson_number: slot.lesson_number,
      subjectId: slot.subject_id,
      staffId: slot.staff_id,
      roomId: slot.room_id,
    });
    const [oneClass, oneClassMs] = await time(() => generateLessons(ctx, { yearId: year.id, classIds: [cls.id] }));

    // Reference: the same number of lesson rows through one prepared statement.
    const n = full.totals.added;
    const sample = h.raw
      .prepare('select class_id, group_id, subject_id, staff_id, room_id, date, lesson_number, period_id, slot_id from lesson')
      .all() as Record<string, unknown>[];
    h.raw.exec('create temp table lesson_ref as select * from lesson where 0');
    const ins = h.raw.prepare(
      'insert into lesson_ref (class_id, group_id, subject_id, staff_id, room_id, date, lesson_number, period_id, slot_id, origin) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const [, refMs] = await time(async () => {
      h.raw.transaction(() => {
        for (const r of sample)
          ins.run(
            r.class_id,
            r.group_id,
            r.subject_id,
            r.staff_id,
            r.room_id,
            r.date,
            r.lesson_number,
            r.period_id,
            r.slot_id,
            'timetable',
          );
      })();
    });

    const figures = {
      classes: full.classes.length,
      lessons: n,
      topics_assigned: full.totals.topics,
      demo_total_ms: Math.round(demoMs),
      generate_full_ms: Math.round(fullMs),
      regenerate_unchanged_ms: Math.round(sameMs),
      regenerate_after_one_change_ms: Math.round(changedMs),
      after_change: {
        moved: changed.totals.moved,
        added: changed.totals.added,
        removed: changed.totals.removed,
        updated: changed.totals.updated,
        topics: changed.totals.topics,
      },
      regenerate_one_class_ms: Math.round(oneClassMs),
      one_class_moved_back: oneClass.totals.moved,
      unchanged_run_changes: same.totals.added + same.totals.moved + same.totals.removed,
      reference_raw_insert_ms: Math.round(refMs),
      ratio_full_to_raw_insert: Math.round((fullMs / refMs) * 10) / 10,
      lessons_per_second: Math.round(n / (fullMs / 1000)),
      target_ms: 5000,
      within_target: fullMs < 5000 && changedMs < 5000,
    };
    console.log('Timetable benchmark (demo school):');
    for (const [k, v] of Object.entries(figures)) console.log(`  ${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`);
    return figures;
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
