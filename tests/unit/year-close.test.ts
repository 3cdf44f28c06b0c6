import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../../db/errors';
import { systemActor, type Actor, type Ctx } from '../../main/kernel/context';
import * as finals from '../../main/journal/final-marks';
import * as cells from '../../main/journal/cells';
import * as year from '../../main/journal/year-close';
import { printHtml } from '../../main/printing/service';
import * as lessons from '../../main/timetable/lessons';
import { runCli } from '../../main/transport/cli/index';
import * as classes from '../../main/school/classes';
import * as movement from '../../main/school/movement';
import * as years from '../../main/school/years';
import { TEST_ENGINE, tempDb } from '../helpers/db';
import { plainWeek, smallSchool } from '../helpers/timetable';

// Closing a year: the checklist names what is missing per class, subject and student; a mark deferred for an ill
// student is an accepted exception with its own state and due date; the council's decisions; the director's close is
// refused until the checklist passes, then every write is refused (services, the CLI, a hand-written sqlite3 script);
// reopening needs a reason and is audited; the summary ledger prints the decisions.

const director: Actor = { userId: null, name: 'Директор', roles: ['director'], staffId: null, system: false };
const deputy: Actor = { userId: null, name: 'Завуч', roles: ['deputy'], staffId: null, system: false };

function capture() {
  const lines = { out: [] as string[], err: [] as string[] };
  return { lines, out: { log: (s: string) => lines.out.push(s), err: (s: string) => lines.err.push(s) } };
}

async function rejectsWith(p: Promise<unknown>, code: string, re: RegExp) {
  await assert.rejects(p, (e) => {
    assert.ok(isAppError(e), String(e));
    assert.equal(e.code, code);
    assert.match(e.message, re);
    return true;
  });
}

test('year close: checklist, deferral, decisions, close refused then allowed, every write refused, reopen with a reason', async () => {
  const t = await tempDb();
  const s = await smallSchool(t.ctx);
  await plainWeek(t.ctx, s);
  await lessons.generateLessons(t.ctx, { yearId: s.yearId });
  const at = (actor: Actor): Ctx => ({ ...t.ctx, actor, now: () => new Date('2026-06-10T09:00:00Z') });
  const asDeputy = at(deputy);
  const asDirector = at(director);

  // 1. The checklist of a year with nothing set: every period and year mark of 5А's three subjects, every decision.
  const first = await year.checklist(asDeputy, s.yearId);
  const subjects = 3; // math, Russian, English (two subgroups, one subject) have lessons in 5А
  assert.equal(first.checked.marks, subjects * s.kids.length * 5);
  assert.equal(first.checked.decisions, s.kids.length);
  assert.equal(first.failures.length, first.checked.marks + first.checked.decisions);
  assert.ok(first.failures.some((f) => /^5А, Математика, Антонов Иван: нет отметки за 1 четверть$/.test(f.message)));
  assert.ok(first.failures.some((f) => /^5А, Антонов Иван: нет решения педагогического совета$/.test(f.message)));
  assert.equal(first.canClose, false);
  // The deputy may not close; the director is refused with the failures listed.
  await rejectsWith(year.closeYear(asDeputy, s.yearId), 'FORBIDDEN', /Недостаточно прав/);
  await rejectsWith(
    year.closeYear(asDirector, s.yearId),
    'INVALID',
    /нельзя закрыть: 64 недочёта[\s\S]*• 5А, Английский язык, Антонов Иван: нет отметки за 1 четверть/,
  );

  // 2. Fix it: every period and year mark (English per subgroup), except Григорьев's year mark in Russian, deferred (ill).
  const [anton, boris, vasya, grisha] = s.kids;
  for (const [subjectId, groupId, kids] of [
    [s.subjects.math, null, s.kids],
    [s.subjects.russian, null, s.kids],
    [s.subjects.english, s.groups.g1, s.kids.slice(0, 2)],
    [s.subjects.english, s.groups.g2, s.kids.slice(2)],
  ] as const)
    for (const kind of ['p1', 'p2', 'p3', 'p4', 'year'])
      await finals.setFinals(asDeputy, {
        classId: s.classes.c5,
        subjectId,
        groupId,
        kind,
        lock: true,
        marks: kids
          .filter((k) => !(kind === 'year' && subjectId === s.subjects.russian && k === grisha))
          .map((k) => ({ studentId: k, value: k === vasya ? '2' : '4' })),
      });
  const deferral = await year.deferMark(asDeputy, {
    yearId: s.yearId,
    classId: s.classes.c5,
    subjectId: s.subjects.russian,
    studentId: grisha,
    kind: 'year',
    reason: 'Болезнь, справка от 20.05.2026',
    dueDate: '2026-09-15',
  });
  assert.deepEqual([deferral.state, deferral.stateName], ['deferred', 'отсрочена до 15.09.2026']);
  // An overdue deferral is a failure again.
  const late = await year.checklist({ ...asDeputy, now: () => new Date('2026-09-20T09:00:00Z') }, s.yearId);
  assert.ok(late.failures.some((f) => f.deferral?.state === 'overdue' && /срок истёк 15\.09\.2026/.test(f.message)));

  // The council: Василий with his «2»s is conditionally promoted, the others promoted.
  const list = await year.classDecisions(asDeputy, s.yearId, s.classes.c5);
  assert.deepEqual(list.rows.find((r) => r.studentId === vasya)?.debts, ['Английский язык: 2', 'Математика: 2', 'Русский язык: 2']);
  await rejectsWith(
    year.saveDecisions(asDeputy, {
      yearId: s.yearId,
      classId: s.classes.c5,
      protocol: '',
      decisions: [{ studentId: anton, kind: 'graduated', note: '' }],
    }),
    'INVALID',
    /«Выпущен» — решение для 9 и 11 классов/,
  );
  const saved = await year.saveDecisions(asDeputy, {
    yearId: s.yearId,
    classId: s.classes.c5,
    protocol: 'протокол № 12 от 28.05.2026',
    decisions: s.kids.map((k) => ({ studentId: k, kind: k === vasya ? 'conditional' : 'promoted', note: '' })),
  });
  assert.deepEqual(
    saved.rows.map((r) => r.text),
    ['переведён в 6 класс', 'переведён в 6 класс', 'условно переведён в 6 класс', 'переведён в 6 класс'],
  );

  const ready = await year.checklist(asDeputy, s.yearId);
  assert.deepEqual(ready.failures, []);
  assert.equal(ready.exceptions.length, 1);
  assert.match(ready.exceptions[0].message, /^5А, Русский язык, Григорьев Иван: нет годовой отметки$/);
  assert.equal(ready.canClose, true);

  // The ledger's decision column and the protocol under it.
  const ledger = await printHtml(asDirector, { kind: 'ledger', classId: s.classes.c5, sided: 'single' });
  const words = ledger.html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
  assert.ok(/условно переведён/.test(words), 'the decision column');
  assert.ok(/протокол № 12 от 28\.05\.2026/.test(words), 'the protocol under the ledger');

  // 3. The director closes; the audit row keeps the exception.
  const closed = await year.closeYear(asDirector, s.yearId);
  assert.equal(closed.year.closed, true);
  assert.equal(closed.year.closedBy, 'Директор');
  const audit = await t.db.selectFrom('audit_log').select(['after']).where('action', '=', 'year.close').executeTakeFirstOrThrow();
  assert.match(audit.after!, /Григорьев/);

  // Every write of the year is refused: a mark, the deferred mark itself, a decision, a deferral's removal.
  const lesson = await t.db
    .selectFrom('lesson')
    .select('id')
    .where('class_id', '=', s.classes.c5)
    .orderBy('date')
    .executeTakeFirstOrThrow();
  await rejectsWith(cells.saveCell(asDeputy, { lessonId: lesson.id, studentId: anton, text: '5' }), 'LOCKED', /учебный год закрыт/i);
  await rejectsWith(
    finals.setFinals(asDeputy, {
      classId: s.classes.c5,
      subjectId: s.subjects.russian,
      kind: 'year',
      lock: true,
      marks: [{ studentId: grisha, value: '4' }],
    }),
    'LOCKED',
    /учебный год закрыт/i,
  );
  await rejectsWith(
    year.saveDecisions(asDeputy, {
      yearId: s.yearId,
      classId: s.classes.c5,
      protocol: '',
      decisions: [{ studentId: boris, kind: 'retained', note: '' }],
    }),
    'LOCKED',
    /Учебный год закрыт: его записи только для чтения/,
  );
  await rejectsWith(year.undefer(asDeputy, deferral.id), 'LOCKED', /Учебный год закрыт/);
  await rejectsWith(year.closeYear(asDirector, s.yearId), 'INVALID', /уже закрыт/);
  await rejectsWith(year.reopenYear(asDeputy, s.yearId, 'Ошибка'), 'FORBIDDEN', /Недостаточно прав/);

  // 4. The CLI and a hand-written script (sqlite3 or psql) are refused too (the database's triggers).
  if (TEST_ENGINE === 'sqlite') await t.close();
  const marksBefore = t.shell('select count(*) from mark').stdout;
  const script = t.shell(
    `insert into mark(lesson_id, student_id, position, value, work_type_id, weight, entered_at, entered_by) values (${lesson.id}, ${anton}, 9, '5', 1, 1, 'x', 'x')`,
  );
  assert.notEqual(script.status, 0);
  assert.match(script.stderr, /SJ_YEAR_CLOSED/);
  assert.equal(t.shell('select count(*) from mark').stdout, marksBefore);
  assert.match(marksBefore, /^\d+\n$/);
  const gen = capture();
  assert.equal(await runCli(['timetable', 'generate', '--db', t.target, '--year', '2025/2026'], gen.out), 1);
  assert.match(gen.lines.err.join('\n'), /Учебный год закрыт/);
  const again = capture();
  assert.equal(await runCli(['year', 'close', '--db', t.target, '--year', '2025/2026'], again.out), 1);
  assert.match(again.lines.err.join('\n'), /уже закрыт/);
  const noReason = capture();
  assert.equal(await runCli(['year', 'reopen', '--db', t.target, '--year', '2025/2026'], noReason.out), 2);
  const reopen = capture();
  assert.equal(
    await runCli(['year', 'reopen', '--db', t.target, '--year', '2025/2026', '--reason', 'Выставить отсроченную отметку'], reopen.out),
    0,
  );
  assert.match(reopen.lines.out.join('\n'), /открыт заново/);

  // 5. Reopened: the deferred mark is set and the deferral shows «выставлена»; `year close` closes again.
  const h = await t.reopen();
  try {
    const ctx: Ctx = { db: h.db, actor: systemActor('тест'), now: () => new Date('2026-08-20T09:00:00Z') };
    const lock = await h.db
      .selectFrom('journal_lock')
      .select('id')
      .where('subject_id', '=', s.subjects.russian)
      .where('kind', '=', 'year')
      .where('unlocked_at', 'is', null)
      .executeTakeFirstOrThrow();
    await finals.unlock(ctx, lock.id, 'Отсроченная годовая отметка');
    await finals.setFinals(ctx, {
      classId: s.classes.c5,
      subjectId: s.subjects.russian,
      kind: 'year',
      lock: true,
      marks: [{ studentId: grisha, value: '4' }],
    });
    const after = await year.checklist(ctx, s.yearId);
    assert.equal(after.exceptions[0].deferral?.state, 'set');
    const reopened = await h.db
      .selectFrom('audit_log')
      .select(['actor', 'after'])
      .where('action', '=', 'year.reopen')
      .executeTakeFirstOrThrow();
    assert.match(reopened.after!, /Выставить отсроченную отметку/);
    assert.match(reopened.actor, /командная строка/);
  } finally {
    await h.close();
  }
  const close = capture();
  assert.equal(await runCli(['year', 'close', '--db', t.target, '--year', '2025/2026'], close.out), 0);
  assert.match(close.lines.out.join('\n'), /закрыт: его записи теперь только для чтения/);

  // 6. The next year goes on: moving a student up on 1 September ends his open enrolment in the closed year's class at
  // its last day (allowed: not a change inside the year), while a move dated inside the closed year is refused.
  const next = await t.reopen();
  try {
    const ctx: Ctx = { db: next.db, actor: systemActor('тест'), now: () => new Date('2026-09-01T09:00:00Z') };
    const nextYear = await years.saveYear(ctx, { id: null, name: '2026/2027', start_date: '2026-09-01', end_date: '2027-08-31' });
    const c6 = await classes.saveClass(ctx, { id: null, yearId: nextYear, grade: 6, letter: 'А', week_days: 5, shift: 1 });
    await rejectsWith(
      movement.withdrawStudent(ctx, { studentId: boris, date: '2026-06-30', order_number: '9-у', reason: 'Переезд' }),
      'LOCKED',
      /Учебный год закрыт/,
    );
    await movement.transferStudent(ctx, {
      studentId: anton,
      toClassId: c6,
      date: '2026-09-01',
      order_number: '90-у',
      reason: 'Перевод в следующий класс',
    });
    const spans = await next.db
      .selectFrom('enrollment')
      .select(['class_id', 'end_date'])
      .where('student_id', '=', anton)
      .orderBy('start_date')
      .execute();
    assert.deepEqual(spans, [
      { class_id: s.classes.c5, end_date: '2026-08-31' },
      { class_id: c6, end_date: null },
    ]);
  } finally {
    await next.close();
  }
  await t.cleanup();
});

test('year close CLI: exit 1 with every failure in Russian', async () => {
  const t = await tempDb();
  const s = await smallSchool(t.ctx);
  await plainWeek(t.ctx, s);
  await lessons.generateLessons(t.ctx, { yearId: s.yearId });
  await t.close();
  const c = capture();
  assert.equal(await runCli(['year', 'close', '--db', t.target, '--year', '2025/2026'], c.out), 1);
  const err = c.lines.err.join('\n');
  assert.match(err, /^Учебный год 2025\/2026 нельзя закрыть: 64 недочёта в проверке\./);
  // every failure, not only the first twenty
  assert.equal(c.lines.err.filter((l) => l.startsWith('  • ')).length, 64);
  assert.match(err, /• 5А, Английский язык, Григорьев Иван: нет годовой отметки/);
  const check = capture();
  assert.equal(await runCli(['year', 'check', '--db', t.target, '--year', '2025/2026', '--json'], check.out), 1);
  assert.equal(JSON.parse(check.lines.out[0]).failures.length, 64);
  const h = await t.reopen();
  try {
    assert.equal((await h.db.selectFrom('academic_year').select('closed').executeTakeFirstOrThrow()).closed, 0);
  } finally {
    await h.close();
  }
  await t.cleanup();
});
