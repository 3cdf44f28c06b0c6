import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../main/demo';
import { HostClient } from '../helpers/api';
import { launchBrowser, login, openApp, screenshot, startHost, type RunningHost } from '../helpers/browser';
import { localDate } from '../../main/contract/rules/entry-deadline';
import { DEMO_TIME_ZONE } from '../../main/demo/calendar';

// Issue 7: a teacher's password leaks. The teacher (or whoever holds the password) changes marks before and after the
// moment of the leak T; the administrator marks the account compromised since T on the Users screen in Chromium and
// voids its operations. The marks changed after T get their earlier values back, the marks changed before T stay,
// and the teacher's session is closed. The host's clock is real time, so T is the start of a minute taken between
// the teacher's two rounds of changes (the screen's date picker is precise to the minute).

let host: RunningHost;
let browser: Browser;
let page: Page;

interface Cell {
  lessonId: number;
  studentId: number;
}
let teacher: { login: string; staffId: number; userId: number };
let key: { classId: number; subjectId: number; groupId: null };
let periodId: number;
/** Three cells of one lesson in the teacher's journal: A changed before and after T, B only before, C only after. */
let A: Cell, B: Cell, C: Cell;

before(async () => {
  host = await startHost({ demo: true });
  const today = localDate(new Date().toISOString(), DEMO_TIME_ZONE);
  const db = new Database(host.dbFile, { readonly: true });
  try {
    // A held whole-class lesson of a five-point subject, before today, from grade 5 up, with three students enrolled.
    const lesson = db
      .prepare(
        `select l.id, l.class_id, l.subject_id, l.period_id, l.date, u.login, u.id as user_id, u.staff_id
         from lesson l
         join class c on c.id = l.class_id and c.grade >= 5
         join subject s on s.id = l.subject_id and s.grading = 'five'
         join app_user u on u.staff_id = l.staff_id and u.login like 'teacher%'
         where l.status = 'held' and l.group_id is null and l.substitute_staff_id is null and l.date < ? and l.period_id is not null
         order by u.id, l.date desc limit 1`,
      )
      .get(today) as {
      id: number;
      class_id: number;
      subject_id: number;
      period_id: number;
      date: string;
      login: string;
      user_id: number;
      staff_id: number;
    };
    assert.ok(lesson, 'a past lesson of a teacher with an account');
    const students = (
      db
        .prepare(
          `select student_id from enrollment where class_id = ? and start_date <= ? and (end_date is null or end_date >= ?) order by student_id limit 3`,
        )
        .all(lesson.class_id, lesson.date, lesson.date) as { student_id: number }[]
    ).map((s) => s.student_id);
    assert.equal(students.length, 3);
    teacher = { login: lesson.login, staffId: lesson.staff_id, userId: lesson.user_id };
    key = { classId: lesson.class_id, subjectId: lesson.subject_id, groupId: null };
    periodId = lesson.period_id;
    [A, B, C] = students.map((studentId) => ({ lessonId: lesson.id, studentId }));
  } finally {
    db.close();
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await host?.stop();
});

async function as(loginName: string): Promise<HostClient> {
  return (await new HostClient(host.url).open()).login(loginName, DEMO_PASSWORD);
}

async function cells(client: HostClient): Promise<{ A: string; B: string; C: string }> {
  const grid = await client.call('journal.grid', { ...key, periodId });
  const text = (c: Cell) => (grid.cells[`${c.studentId}:${c.lessonId}`]?.text ?? '') as string;
  return { A: text(A), B: text(B), C: text(C) };
}

/** A mark different from the cell's text and from the values given. */
function differentFrom(...texts: string[]): string {
  return ['5', '4', '3', '2'].find((m) => !texts.includes(m))!;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** As the screen's date picker shows a local time: ДД.ММ.ГГГГ ЧЧ:ММ. */
const pickerText = (d: Date) =>
  `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;

test("marks changed with a compromised account after T are restored, those before T stay, and the account's session is closed", async () => {
  // The period may already be closed by its period marks in the demo: the deputy reopens it for this journal.
  const deputy = await as('zavuch');
  const opened = await deputy.call('journal.grid', { ...key, periodId });
  if (opened.lock) await deputy.call('journal.unlock', { lockId: opened.lock.id, reason: 'Исправления по заявлению учителя' });

  const t = await as(teacher.login);
  const original = await cells(t);

  // Before T.
  const earlierA = differentFrom(original.A);
  const keptB = differentFrom(original.B);
  assert.equal((await t.call('journal.saveCell', { ...A, text: earlierA }))?.text, earlierA);
  assert.equal((await t.call('journal.saveCell', { ...B, text: keptB }))?.text, keptB);

  // T: the next whole minute; the later changes are made after it.
  const T = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 60_000);
  await new Promise((r) => setTimeout(r, T.getTime() - Date.now() + 50));
  assert.ok(Date.now() > T.getTime());

  // After T.
  const laterA = differentFrom(original.A, earlierA);
  const laterC = original.C === 'н' ? '2' : 'н';
  await t.call('journal.saveCell', { ...A, text: laterA });
  await t.call('journal.saveCell', { ...C, text: laterC });
  assert.deepEqual(await cells(deputy), { A: laterA, B: keptB, C: laterC });

  // The administrator, on the Users screen.
  page = await openApp(browser, host);
  await login(page, 'admin', DEMO_PASSWORD);
  await page.getByRole('menuitem', { name: 'Пользователи' }).click();
  await page.getByRole('heading', { name: 'Пользователи' }).waitFor();
  const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: teacher.login, exact: true }) });
  for (let i = 0; (await row.count()) === 0; i++) {
    assert.ok(i < 5, `${teacher.login} is not in the list`);
    await page.locator('.ant-pagination-next').click();
  }
  await row.getByRole('button', { name: 'Утечка пароля…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(`Утечка учётных данных: ${teacher.login}`).waitFor();
  const picker = dialog.getByLabel('Момент утечки');
  await picker.click();
  await picker.fill(pickerText(T));
  await picker.press('Enter');
  await page.waitForTimeout(200);
  await dialog.getByRole('button', { name: 'Отметить утечку' }).click();
  await page.locator('.ant-message-notice').filter({ hasText: 'Учётная запись отключена' }).waitFor();
  // The same dialog lists the account's operations at once (issue 15 part 7); the list behind it shows the new state.
  await dialog.getByText(/Отчёт об операциях скомпрометированной учётной записи/).waitFor();
  await row.getByText(/скомпрометирован с/).waitFor();
  await row.getByText('отключён').waitFor();

  // The teacher's session is closed at once, and the password no longer opens the account.
  const closed = await t.raw('journal.grid', { ...key, periodId });
  assert.equal(!closed.ok && closed.error.code, 'SESSION_EXPIRED');
  const again = await new HostClient(host.url).open();
  const relogin = await again.raw('auth.login', { login: teacher.login, password: DEMO_PASSWORD });
  assert.equal(relogin.ok, false);

  // The report lists exactly the two changes made after T, both voidable.
  const ops = dialog.locator('.ant-table-tbody tr.ant-table-row');
  await dialog.getByText(/Операции учётной записи с .*: 2$/).waitFor();
  assert.equal(await ops.count(), 2);
  // Each row names the change in words: class, subject, lesson date, student, before → after.
  for (const r of await ops.all()) assert.match(await r.innerText(), /, урок \d\d\.\d\d\.\d{4}, [А-ЯЁ][а-яё-]+ [А-ЯЁ][а-яё-]+: \S+ → \S+/);
  assert.deepEqual(await ops.locator('td:last-child').allInnerTexts(), ['да', 'да']);
  const admin = await as('admin');
  const listed = await admin.call('users.compromisedOperations', { userId: teacher.userId });
  assert.deepEqual(
    listed.map((o) => [o.entity, (o.after as { studentId: number }).studentId]),
    [
      ['journal_cell', A.studentId],
      ['journal_cell', C.studentId],
    ],
  );
  await screenshot(page, 'compromise-report');

  await dialog.getByRole('button', { name: 'Аннулировать операции' }).click();
  await page.locator('.ant-popover').getByRole('button', { name: 'Аннулировать' }).click();
  await dialog.getByText('Аннулировано операций: 2. Требуют ручной проверки: 0.').waitFor();
  await dialog.getByText(/Операции учётной записи с .*: 0$/).waitFor();

  // The journal shows the earlier values again: A as it was before T, B as changed before T, C as it was.
  assert.deepEqual(await cells(deputy), { A: earlierA, B: keptB, C: original.C });
  assert.deepEqual(await admin.call('users.compromisedOperations', { userId: teacher.userId }), []);
  // Voiding is itself audited: the cell's history shows the restoration.
  const history = await deputy.call('journal.cellHistory', A);
  assert.equal(history.at(-1)?.after, earlierA, JSON.stringify(history));
  assert.match(history.at(-1)?.actor ?? '', /admin|Администратор/, JSON.stringify(history));
});
