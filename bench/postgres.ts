// Grid read and mark save, SQLite against PostgreSQL (issue 17 part 7), on the same small school through the same
// services. Run: SJ_TEST_PG=postgresql://… node --import tsx bench/postgres.ts (build/pg-test-cluster.sh gives a
// throwaway server; its fsync is off, so PostgreSQL's saves here are faster than on a school's server).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../db';
import type { Db } from '../db';
import { openPostgres } from '../db/postgres';
import * as cells from '../main/journal/cells';
import * as grid from '../main/journal/grid';
import { systemActor, type Ctx } from '../main/kernel/context';
import * as lessons from '../main/timetable/lessons';
import * as load from '../main/timetable/load';
import { freshPgDatabase } from '../tests/helpers/pg';
import { plainWeek, smallSchool } from '../tests/helpers/timetable';

const READS = 50;
const SAVES = 200;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const ms = (x: number) => x.toFixed(1).replace('.', ',');

async function measure(db: Db) {
  const ctx: Ctx = { db, actor: systemActor('bench'), now: () => new Date() };
  const s = await smallSchool(ctx);
  await plainWeek(ctx, s);
  await lessons.generateLessons(ctx, { yearId: s.yearId });
  await load.saveLoad(ctx, {
    id: null,
    yearId: s.yearId,
    staffId: s.staff.mathT,
    classId: s.classes.c5,
    subjectId: s.subjects.math,
    groupId: null,
    hours: 3,
  });
  const teacher: Ctx = {
    db,
    actor: { userId: null, name: 'Иванова А. П.', roles: ['teacher'], staffId: s.staff.mathT, system: false },
    now: () => new Date('2025-10-20T12:00:00Z'),
  };
  const key = { classId: s.classes.c5, subjectId: s.subjects.math, periodId: null };
  const g = await grid.loadGrid(teacher, key);
  // Marks go on lessons already held by the teacher's day.
  const targets = g.lessons
    .filter((l) => l.date <= '2025-10-20')
    .flatMap((l) => g.students.map((st) => ({ lessonId: l.id, studentId: st.id })));
  const saves: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    const t = performance.now();
    await cells.saveCell(teacher, { ...targets[i % targets.length], text: String(2 + (i % 4)) });
    saves.push(performance.now() - t);
  }
  const reads: number[] = [];
  for (let i = 0; i < READS; i++) {
    const t = performance.now();
    await grid.loadGrid(teacher, key);
    reads.push(performance.now() - t);
  }
  return { read: [pct(reads, 50), pct(reads, 95)], save: [pct(saves, 50), pct(saves, 95)] };
}

async function main() {
  const url = process.env.SJ_TEST_PG;
  if (!url) throw new Error('SJ_TEST_PG is not set (build/pg-test-cluster.sh start DIR)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-bench-pg-'));
  const sqlite = await openDatabase(path.join(dir, 'j.sqlite'));
  const onSqlite = await measure(sqlite.db).finally(() => sqlite.close());
  fs.rmSync(dir, { recursive: true, force: true });
  const d = await freshPgDatabase('sj_bench');
  const pg = await openPostgres(d.url);
  const onPg = await measure(pg.db).finally(async () => {
    await pg.close();
    await d.drop();
  });
  console.log(`| engine | grid read p50 / p95, ms (${READS}) | mark save p50 / p95, ms (${SAVES}) |`);
  console.log('| --- | --- | --- |');
  for (const [name, r] of [
    ['SQLite', onSqlite],
    ['PostgreSQL', onPg],
  ] as const)
    console.log(`| ${name} | ${ms(r.read[0])} / ${ms(r.read[1])} | ${ms(r.save[0])} / ${ms(r.save[1])} |`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
