import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as classes from '../../main/school/classes';
import * as notices from '../../main/school/notices';
import * as students from '../../main/school/students';
import * as years from '../../main/school/years';
import { tempDb } from '../helpers/db';
import { student } from '../helpers/timetable';

test("parents' refusals: the latest registration is in force; paper extracts and the social pedagogue's list follow", async () => {
  const t = await tempDb();
  const yearId = await years.saveYear(t.ctx, { id: null, name: '2025/2026', start_date: '2025-09-01', end_date: '2026-08-31' });
  const classId = await classes.saveClass(t.ctx, { id: null, yearId, grade: 3, letter: 'А', week_days: 5, shift: 1 });
  const base = { ...student('', '', '2017-01-01'), gender: 'ж' as const };
  const g = {
    relation: 'мать',
    last_name: 'Лисина',
    first_name: 'Ольга',
    middle_name: '',
    phone: '',
    email: '',
    address: '',
    workplace: '',
  };
  const a = await students.createStudent(t.ctx, {
    classId,
    date: '2025-09-01',
    order_number: '1',
    guardians: [g],
    student: { ...base, last_name: 'Лисина', first_name: 'Ада' },
  });
  const b = await students.createStudent(t.ctx, {
    classId,
    date: '2025-09-01',
    order_number: '1',
    guardians: [{ ...g, last_name: 'Котова' }],
    student: { ...base, last_name: 'Котова', first_name: 'Вера' },
  });
  const ga = (await students.getStudent(t.ctx, a)).guardians![0].id;
  const gb = (await students.getStudent(t.ctx, b)).guardians![0].id;
  const rec = (
    studentId: number,
    guardianId: number,
    kind: 'pd_consent' | 'electronic_refusal' | 'electronic_consent' | 'info_refusal' | 'acknowledged',
    date: string,
  ) => notices.recordNotice(t.ctx, { studentId, guardianId, kind, date, document: 'заявление', note: '' });
  await rec(a, ga, 'pd_consent', '2025-09-01');
  await rec(a, ga, 'electronic_refusal', '2025-09-02');
  await rec(a, ga, 'electronic_consent', '2025-11-01');
  await rec(b, gb, 'info_refusal', '2025-10-01');
  await rec(b, gb, 'acknowledged', '2025-10-10');
  await assert.rejects(rec(a, gb, 'pd_consent', '2025-09-01'), /не относится к этому ученику/);
  const oct = await notices.noticesReport(t.ctx, classId, '2025-10-15');
  const byName = Object.fromEntries(oct.map((r) => [r.name.split(' ')[0], r]));
  assert.deepEqual([byName['Лисина'].pdConsent, byName['Лисина'].paperExtracts], [true, true]);
  assert.deepEqual(
    [byName['Котова'].refusedInformation, byName['Котова'].lastAcknowledged, byName['Котова'].pdConsent],
    [true, '2025-10-10', false],
  );
  const dec = await notices.noticesReport(t.ctx, classId, '2025-12-01');
  assert.equal(dec.find((r) => r.name.startsWith('Лисина'))!.paperExtracts, false);
  assert.equal((await notices.listNotices(t.ctx, a)).length, 3);
  await t.cleanup();
});
