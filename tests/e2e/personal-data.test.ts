import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { studentToForm } from '../../main/contract/rules/student-form';
import { DEMO_PASSWORD } from '../../main/demo';
import { HostClient } from '../helpers/api';
import { launchBrowser, login, openApp, startHost, type RunningHost } from '../helpers/browser';

// Issue 11 part 3, through the real host: the administrator has no right to students' personal data (152-FZ). The audit
// log's values and its CSV hide them from him, and his student updates can change the name only: a personal field or
// the guardians sent by him are refused, and fields not sent stay as they were.

const ADDRESS = 'г. Омск, ул. Проверочная, д. 7, кв. 3';
const PASSPORT = '5219 900111';

let host: RunningHost;
let browser: Browser | undefined;
let studentId: number;
let studentName: string;
let snils: string;

before(async () => {
  host = await startHost({ demo: true });
  const db = new Database(host.dbFile, { readonly: true });
  // A student with a SNILS and guardians on file.
  const row = db
    .prepare(
      `select s.id, s.snils from student s join enrollment e on e.student_id = s.id and e.end_date is null
        where s.snils is not null and exists (select 1 from guardian g where g.student_id = s.id) order by s.id limit 1`,
    )
    .get() as { id: number; snils: string };
  db.close();
  studentId = row.id;
  snils = row.snils;
  const zavuch = await (await new HostClient(host.url).open()).login('zavuch', DEMO_PASSWORD);
  // The deputy (who has the right) writes an address and a passport, sending the whole card as the edit form does: the
  // audit row now holds them.
  const card = await zavuch.call('students.get', { id: studentId, withPersonal: true });
  assert.ok(card.personal);
  studentName = `${card.lastName} ${card.firstName}`;
  const form = studentToForm(card, card.personal);
  const student = { ...form.student, address_actual: ADDRESS, passport_number: PASSPORT };
  const guardians = form.guardians;
  await zavuch.call('students.update', { id: studentId, student, guardians });
});

after(async () => {
  await browser?.close();
  await host?.stop();
});

async function as(login: string) {
  return (await new HostClient(host.url).open()).login(login, DEMO_PASSWORD);
}

function ownUpdate(rows: { entityId: number | null; action: string; after: string | null }[]) {
  return rows.find((r) => r.entityId === studentId && r.action === 'update' && r.after?.includes('address_actual'));
}

test('audit.list hides personal values from the administrator and shows them to the director', async () => {
  const admin = await as('admin');
  const { rows } = await admin.call('audit.list', { entity: 'student', limit: 1000 });
  const text = JSON.stringify(rows);
  assert.ok(!text.includes('Проверочная'), 'the address reached the administrator');
  assert.ok(!text.includes(PASSPORT), 'the passport reached the administrator');
  assert.ok(!text.includes(snils), 'a SNILS reached the administrator');
  const mine = ownUpdate(rows);
  assert.ok(mine, 'the update is still listed');
  const shown = JSON.parse(mine.after!);
  assert.equal(shown.address_actual, 'скрыто');
  assert.equal(shown.passport_number, 'скрыто');
  assert.equal(shown.guardians, 'скрыто');
  // Creations list the guardians: hidden whole.
  const created = rows.find((r: { action: string; after: string | null }) => r.action === 'create' && r.after?.includes('guardians'));
  if (created) assert.equal(JSON.parse(created.after ?? '{}').guardians, 'скрыто');

  const director = await as('director');
  const full = ownUpdate((await director.call('audit.list', { entity: 'student', limit: 1000 })).rows);
  assert.equal(JSON.parse(full!.after!).address_actual, ADDRESS);
  assert.equal(JSON.parse(full!.after!).passport_number, PASSPORT);
});

test("the administrator's CSV export of the audit log and the row's details hide them too", async () => {
  browser = await launchBrowser();
  const page = await openApp(browser, host);
  await login(page, 'admin', DEMO_PASSWORD);
  await page.getByRole('menuitem', { name: 'Журнал аудита' }).click();
  // the kinds of objects are named in Russian; the list is long, so the option is found by typing
  await page.getByLabel('Вид объекта').click();
  await page.keyboard.type('Ученик');
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: /^Ученик$/ })
    .click();
  // The newest student row is the deputy's update; the table has reloaded for the filter when it comes first.
  const row = page.locator('.ant-table-row').first();
  await row.filter({ hasText: studentName }).waitFor();
  await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
  await row.locator('.ant-table-row-expand-icon').click();
  const details = page.locator('.ant-table-expanded-row .audit-changes').first();
  await details.waitFor();
  assert.match((await details.textContent()) ?? '', /скрыто/);
  assert.doesNotMatch((await details.textContent()) ?? '', /Проверочная/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Выгрузить CSV' }).click()]);
  const file = path.join(host.dir, 'audit.csv');
  await download.saveAs(file);
  const csv = fs.readFileSync(file, 'utf8');
  assert.match(csv, /скрыто/);
  assert.ok(!csv.includes('Проверочная') && !csv.includes(PASSPORT) && !csv.includes(snils), 'personal data in the CSV');
});

test('the administrator changes a name only: personal fields and guardians are refused, nothing is wiped', async () => {
  const admin = await as('admin');
  const zavuch = await as('zavuch');
  const was = await zavuch.call('students.get', { id: studentId, withPersonal: true });
  assert.ok(was.guardians!.length > 0);

  // What the old edit form sent: every field, the personal ones empty. Refused whole, with the reason in Russian.
  const wipe = await admin.raw('students.update', {
    id: studentId,
    student: {
      last_name: was.lastName,
      first_name: was.firstName,
      middle_name: was.middleName,
      gender: was.gender,
      birth_date: was.personal!.birthDate,
      snils: '',
      address_actual: '',
      address_registered: '',
    },
    guardians: [],
  });
  assert.equal(!wipe.ok && wipe.error.code, 'FORBIDDEN');
  assert.match(!wipe.ok ? wipe.error.message : '', /Персональные данные ученика \(.*СНИЛС.*\)/);
  const guardiansOnly = await admin.raw('students.update', { id: studentId, student: {}, guardians: [] });
  assert.equal(!guardiansOnly.ok && guardiansOnly.error.code, 'FORBIDDEN');
  assert.deepEqual(await zavuch.call('students.get', { id: studentId, withPersonal: true }), was);

  // The name alone goes through; everything not sent stays.
  await admin.call('students.update', { id: studentId, student: { last_name: `${was.lastName}-Петрова` } });
  const now = await zavuch.call('students.get', { id: studentId, withPersonal: true });
  assert.equal(now.lastName, `${was.lastName}-Петрова`);
  assert.deepEqual(now.personal, was.personal);
  assert.deepEqual(now.guardians, was.guardians);
  assert.equal(now.personal!.snils, snils);
  assert.equal(now.personal!.addressActual, ADDRESS);
});

test('the deputy changes one personal field; the guardians and the rest stay', async () => {
  const zavuch = await as('zavuch');
  const was = await zavuch.call('students.get', { id: studentId, withPersonal: true });
  await zavuch.call('students.update', { id: studentId, student: { phone: '+7 (913) 000-00-02' } });
  const now = await zavuch.call('students.get', { id: studentId, withPersonal: true });
  assert.deepEqual(now, { ...was, personal: { ...was.personal, phone: '+7 (913) 000-00-02' } });
});
