import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as users from '../../main/accounts/users';
import { recordedPerson } from '../../main/contract/rules/names';
import { osActor } from '../../main/kernel/cli-command';
import { personOf, type Ctx } from '../../main/kernel/context';
import * as cells from '../../main/journal/cells';
import * as finals from '../../main/journal/final-marks';
import * as grid from '../../main/journal/grid';
import { lockInfo } from '../../main/journal/locks';
import { tempDb } from '../helpers/db';
import { schoolWithMathLessons } from '../helpers/timetable';

// Who did something is stored and printed by display name: the login stays in the audit log, which identifies the
// account; old rows that hold the audit's «Name (login)» are printed without it.

test('recordedPerson: the login and the OS user go, names stay as they are', () => {
  assert.equal(recordedPerson('Петрова А. С. (zavuch)'), 'Петрова А. С.');
  assert.equal(recordedPerson('Иванова Мария Петровна (teacher01)'), 'Иванова Мария Петровна');
  assert.equal(recordedPerson('Соколов И. П. (i.sokolov-2)'), 'Соколов И. П.');
  assert.equal(recordedPerson('ОС: root (командная строка)'), 'командная строка');
  assert.equal(recordedPerson('Петрова А. С.'), 'Петрова А. С.');
  // parentheses that are not a login are part of the name
  assert.equal(recordedPerson('Петрова А. С. (заместитель директора)'), 'Петрова А. С. (заместитель директора)');
  assert.equal(recordedPerson('планировщик резервных копий'), 'планировщик резервных копий');
  assert.equal(recordedPerson(''), '');
  assert.equal(recordedPerson(null), null);
});

test('actors: users and the command line store a name without a login; the audit keeps the login', () => {
  const cli = osActor();
  assert.match(cli.name, /^ОС: .* \(командная строка\)$/);
  assert.equal(personOf(cli), 'командная строка');
  assert.equal(personOf({ name: 'Тест' }), 'Тест');
});

test('journal locks: locked_by holds the display name; an old «Name (login)» row shows no login on screen', async () => {
  const t = await tempDb();
  try {
    const s = await schoolWithMathLessons(t.ctx);
    const { id } = await users.createUser(t.ctx, {
      login: 'ivanova',
      displayName: 'Иванова А. П.',
      staffId: s.staff.mathT,
      roles: ['teacher'],
    });
    const actor = await users.actorOf(t.db, id);
    assert.equal(actor.name, 'Иванова А. П. (ivanova)');
    const asMath: Ctx = { ...t.ctx, actor, now: () => new Date('2025-10-20T12:00:00Z') };
    const g = await grid.loadGrid(asMath, { classId: s.classes.c5, subjectId: s.subjects.math, periodId: null });
    const [a] = g.students;
    await cells.saveCell(asMath, { lessonId: g.lessons[0].id, studentId: a.id, text: '5' });
    const r = await finals.setFinals(asMath, {
      classId: s.classes.c5,
      subjectId: s.subjects.math,
      kind: 'p1',
      marks: [{ studentId: a.id, value: '5' }],
      lock: true,
    });
    const lock = await t.db.selectFrom('journal_lock').selectAll().where('id', '=', r.lockId!).executeTakeFirstOrThrow();
    assert.equal(lock.locked_by, 'Иванова А. П.');
    const mark = await t.db.selectFrom('mark').select('entered_by').where('student_id', '=', a.id).executeTakeFirstOrThrow();
    assert.equal(mark.entered_by, 'Иванова А. П.');
    const audited = await t.db
      .selectFrom('audit_log')
      .select(['actor', 'user_id'])
      .where('entity', '=', 'journal_lock')
      .executeTakeFirstOrThrow();
    assert.deepEqual(audited, { actor: 'Иванова А. П. (ivanova)', user_id: id });

    // a database written before: the lock's row holds the audit's name with the login
    await t.db.updateTable('journal_lock').set({ locked_by: 'Иванова А. П. (ivanova)' }).where('id', '=', lock.id).execute();
    const old = await t.db.selectFrom('journal_lock').selectAll().where('id', '=', lock.id).executeTakeFirstOrThrow();
    assert.equal(lockInfo(old).lockedBy, 'Иванова А. П.');
    const locked = await grid.loadGrid(asMath, { classId: s.classes.c5, subjectId: s.subjects.math, periodId: g.period.id });
    assert.match(locked.readOnlyReason!, /\(Иванова А\. П\.\)/);
    assert.doesNotMatch(locked.readOnlyReason!, /ivanova/);
  } finally {
    await t.cleanup();
  }
});
