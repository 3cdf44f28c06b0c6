import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPostgres, wrapPostgres } from '../../db/postgres';
import * as cells from '../../main/journal/cells';
import * as grid from '../../main/journal/grid';
import { verifyAuditChainDb } from '../../main/kernel/audit-verify';
import { systemActor, type Actor, type Ctx } from '../../main/kernel/context';
import * as students from '../../main/school/students';
import * as lessons from '../../main/timetable/lessons';
import * as load from '../../main/timetable/load';
import { freshPgDatabase, pgSkip } from '../helpers/pg';
import { plainWeek, smallSchool, student } from '../helpers/timetable';

// Issue 17 part 3: several program instances on one PostgreSQL database. Two hosts (each its own connection pool, as
// two computers would have) save 1 000 marks at once for two teachers; every mark a host acknowledged is in the
// database, the other host's grid shows it on its next read, and the audit chain is one unbroken chain: the database,
// not a process, ordered the appends (kernel/audit-chain.ts).

const PER_TEACHER = 500;
/** Saves in flight per host: a staff room of teachers typing at once. */
const IN_FLIGHT = 8;

async function inParallel<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

test(
  'two hosts, two teachers, 1 000 marks saved in parallel: every acknowledged mark is there and the audit chain verifies',
  { skip: pgSkip },
  async (t) => {
    const d = await freshPgDatabase('sj_conc');
    const setup = await openPostgres(d.url);
    const hostA = wrapPostgres(d.url);
    const hostB = wrapPostgres(d.url);
    try {
      const ctx: Ctx = { db: setup.db, actor: systemActor('тест'), now: () => new Date() };
      const s = await smallSchool(ctx);
      // Two more students in 5А, so that each teacher has 500 distinct cells.
      for (const [i, name] of ['Дмитриев', 'Егоров'].entries())
        await students.createStudent(ctx, {
          classId: s.classes.c5,
          date: '2025-09-01',
          order_number: '2-у',
          guardians: [],
          student: student(name, 'Пётр', `2014-0${i + 5}-10`),
        });
      await plainWeek(ctx, s);
      await lessons.generateLessons(ctx, { yearId: s.yearId });
      for (const [staffId, subjectId] of [
        [s.staff.mathT, s.subjects.math],
        [s.staff.rusT, s.subjects.russian],
      ] as const)
        await load.saveLoad(ctx, { id: null, yearId: s.yearId, staffId, classId: s.classes.c5, subjectId, groupId: null, hours: 3 });
      const kids = (
        await setup.db.selectFrom('enrollment').select('student_id').where('class_id', '=', s.classes.c5).orderBy('student_id').execute()
      ).map((r) => r.student_id);
      assert.equal(kids.length, 6);

      const teacher = (staffId: number, name: string): Actor => ({ userId: null, name, roles: ['teacher'], staffId, system: false });
      const plan = async (subjectId: number) => {
        const ls = await setup.db
          .selectFrom('lesson')
          .select(['id', 'date'])
          .where('class_id', '=', s.classes.c5)
          .where('subject_id', '=', subjectId)
          .orderBy('date')
          .orderBy('lesson_number')
          .execute();
        const all = ls.flatMap((l) => kids.map((studentId, k) => ({ lesson: l, studentId, text: String(2 + ((l.id + k) % 4)) })));
        assert.ok(all.length >= PER_TEACHER, `${all.length} cells for subject ${subjectId}`);
        return all.slice(0, PER_TEACHER);
      };
      const work = [
        { host: hostA, actor: teacher(s.staff.mathT, 'Иванова А. П.'), cells: await plan(s.subjects.math) },
        { host: hostB, actor: teacher(s.staff.rusT, 'Петрова А. П.'), cells: await plan(s.subjects.russian) },
      ];
      const auditBefore = (await verifyAuditChainDb(setup.db)).rows;

      const acknowledged = new Map<string, string>();
      const started = performance.now();
      await Promise.all(
        work.map((w) =>
          inParallel(w.cells, IN_FLIGHT, async (c) => {
            // The teacher saves on the lesson's day (entries are on time, nothing is late).
            const at: Ctx = { db: w.host.db, actor: w.actor, now: () => new Date(`${c.lesson.date}T12:00:00Z`) };
            const saved = await cells.saveCell(at, { lessonId: c.lesson.id, studentId: c.studentId, text: c.text });
            if (saved?.text === c.text) acknowledged.set(`${c.lesson.id}:${c.studentId}`, c.text);
          }),
        ),
      );
      const ms = performance.now() - started;
      t.diagnostic(`1 000 marks from two hosts in ${Math.round(ms)} ms (${Math.round((1000 * 1000) / ms)} saves/s)`);
      assert.equal(acknowledged.size, 2 * PER_TEACHER, 'every save was acknowledged');

      // Read back on a connection of neither host: every acknowledged mark, and nothing else.
      const rows = await setup.db.selectFrom('mark').select(['lesson_id', 'student_id', 'value']).execute();
      const inDb = new Map(rows.map((r) => [`${r.lesson_id}:${r.student_id}`, r.value]));
      assert.equal(rows.length, 2 * PER_TEACHER);
      assert.deepEqual(new Map([...inDb].sort()), new Map([...acknowledged].sort()));

      // A mark saved on host A is on host B's grid at its next read.
      const first = work[0].cells[0];
      const deputy: Ctx = {
        db: hostB.db,
        actor: { ...systemActor('завуч'), system: false, roles: ['deputy'] },
        now: () => new Date(`${first.lesson.date}T15:00:00Z`),
      };
      const g = await grid.loadGrid(deputy, { classId: s.classes.c5, subjectId: s.subjects.math, periodId: null });
      assert.equal(g.cells[`${first.studentId}:${first.lesson.id}`]?.text, first.text);

      const chain = await verifyAuditChainDb(setup.db);
      assert.equal(chain.ok, true, chain.problem ?? '');
      assert.ok(chain.rows >= auditBefore + 2 * PER_TEACHER, `${chain.rows} audit rows, ${auditBefore} before the marks`);
    } finally {
      await hostA.close();
      await hostB.close();
      await setup.close();
      await d.drop();
    }
  },
);
