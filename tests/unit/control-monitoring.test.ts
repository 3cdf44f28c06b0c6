import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Channel, Input, Output, Result } from '../../main/contract/index';
import { controlWorkReport, listControlWorkResults } from '../../main/control/monitoring';
import { exportControlWorks } from '../../main/control/monitoring-xlsx';
import { startApp } from '../../main/transport/app';
import { controlWorks, monitoringSchool, workbookOf } from '../helpers/monitoring';

// Internal monitoring per control work (issue 12, part 6) on a hand-made 5А of four students; every figure below is
// worked out by hand in the comments. «Today» is 1 October 2025 on the school's clock.

test('ВШК: a control work is linked to the marks of its lesson and kind; distribution, success, quality, who did not write', async () => {
  const f = await monitoringSchool();
  const { t, s, load, at } = f;
  try {
    const { mathWork, engWork, future, l1 } = await controlWorks(f);

    const list = await listControlWorkResults(at(), { yearId: s.yearId, classId: null });
    assert.deepEqual(
      list.map((w) => [w.id, w.due, w.wrote, w.students, w.success, w.quality, w.average, w.future]),
      [
        // Mathematics: Антонов 5, Борисов 4, Григорьев 2 → 3 wrote of 4; success 2/3 = 66,7; quality 2/3 = 66,7;
        // average (5 + 4 + 2) / 3 = 3,67.
        [mathWork, 4, 3, 3, 66.7, 66.7, 3.67, false],
        // English: 4, 5 in group 1; 3 in group 2; Григорьев did not write → 3 of 4; success 3/3 = 100; quality 2/3;
        // average 12/3 = 4.
        [engWork, 4, 3, 3, 100, 66.7, 4, false],
        [future, 4, 0, 0, null, null, null, true],
      ],
    );
    assert.deepEqual(list[0].distribution, { '5': 1, '4': 1, '2': 1 });
    assert.deepEqual(list[1].distribution, { '5': 1, '4': 1, '3': 1 });

    const math = await controlWorkReport(at(), { id: mathWork });
    assert.deepEqual(
      math.lessons.map((l) => l.id),
      [l1],
    );
    assert.deepEqual(
      math.students.map((x) => [x.name, x.marks, x.absence]),
      [
        ['Антонов Иван', ['5'], null],
        ['Борисов Иван', ['4'], null],
        ['Васильев Иван', [], 'б'],
        ['Григорьев Иван', ['2'], 'н'],
      ],
    );
    assert.deepEqual(
      math.missing.map((x) => [x.name, x.absence]),
      [['Васильев Иван', 'б']],
    );
    assert.ok(math.notes.some((n) => n.startsWith('Успеваемость =')));
    const eng = await controlWorkReport(at(), { id: engWork });
    assert.equal(eng.lessons.length, 2);
    assert.deepEqual(
      eng.missing.map((x) => [x.name, x.absence]),
      [['Григорьев Иван', null]],
    );

    // Scope: the mathematics teacher sees the mathematics works only; the English work is not theirs.
    await load(s.staff.mathT, s.subjects.math);
    const teacher = at({ roles: ['teacher'], staffId: s.staff.mathT });
    assert.deepEqual(
      (await listControlWorkResults(teacher, { yearId: s.yearId, classId: null })).map((w) => w.id),
      [mathWork, future],
    );
    await assert.rejects(controlWorkReport(teacher, { id: engWork }), { code: 'NOT_FOUND' });
    // A teacher of nothing here sees nothing; the homeroom teacher of 5А sees every work of the class.
    assert.deepEqual(
      await listControlWorkResults(at({ roles: ['teacher'], staffId: s.staff.rusT }), { yearId: s.yearId, classId: null }),
      [],
    );
    await t.db.updateTable('class').set({ homeroom_staff_id: s.staff.peT }).where('id', '=', s.classes.c5).execute();
    assert.equal(
      (await listControlWorkResults(at({ roles: ['homeroom'], staffId: s.staff.peT }), { yearId: s.yearId, classId: null })).length,
      3,
    );

    // The workbook of one work holds the same figures.
    const file = await exportControlWorks(at(), { yearId: s.yearId, id: mathWork, classId: null });
    const wb = await workbookOf(file.base64);
    const ws = wb.worksheets[0];
    assert.deepEqual((ws.getRow(5).values as unknown[]).slice(1), [4, 3, 66.7, 66.7, 3.67, 1, 1, 0, 1, 0, 0, 0, 0]);
    assert.deepEqual((ws.getRow(10).values as unknown[]).slice(1), ['Васильев Иван', 'не писал(а)', 'б — по болезни']);
  } finally {
    await t.cleanup();
  }
});

test('the monitoring channels through the router: the administrator (no journal rights) is refused, the deputy reads', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-monitoring-'));
  const app = await startApp({ dbFile: path.join(dir, 'journal.sqlite'), runtime: 'browser-host', background: false });
  try {
    const call = async <C extends Channel>(channel: C, input: Input<C>, token: string | null) => {
      const r = (await app.router.call(channel, input, token)) as Result<Output<C>>;
      if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
      return r.value;
    };
    const admin = (await call('auth.setupAdmin', { login: 'admin', displayName: 'Администратор', password: 'admin-parol-1' }, null)).token;
    const { activationCode } = await call('users.create', { login: 'zavuch', displayName: 'Завуч', roles: ['deputy'] }, admin);
    const deputy = (await call('auth.activate', { login: 'zavuch', code: activationCode, password: 'zavuch-parol-1' }, null)).token;
    const yearId = await call('years.save', { id: null, name: '2025/2026', start_date: '2025-09-01', end_date: '2026-08-31' }, deputy);
    for (const [channel, input] of [
      ['vshk.list', { yearId }],
      ['vshk.report', { id: 1 }],
      ['vshk.export', { yearId }],
      ['attendance.report', { yearId }],
      ['attendance.export', { yearId }],
      ['programme.report', { yearId }],
      ['programme.export', { yearId }],
    ] as const)
      await assert.rejects(call(channel, input as never, admin), { code: 'FORBIDDEN' }, channel);
    assert.deepEqual(await call('vshk.list', { yearId }, deputy), []);
    assert.equal((await call('programme.report', { yearId }, deputy)).rows.length, 0);
    await assert.rejects(call('vshk.report', { id: 1 }, deputy), { code: 'NOT_FOUND' });
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
