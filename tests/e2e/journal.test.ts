import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../main/demo';
import { HostClient } from '../helpers/api';
import { launchBrowser, login, openApp, screenshot, startHost, type RunningHost } from '../helpers/browser';
import { JOURNAL_TEACHER, readGrid, setupJournal, TRANSFER_DATE, type JournalFixture } from '../helpers/journal-e2e';

// A teacher fills the class journal in Chromium with the keyboard and the clipboard, through the real host on the demo
// school; the class 5Ю is our own (tests/helpers/journal-e2e.ts), so every value checked here is one we typed.

let host: RunningHost;
let browser: Browser;
let page: Page;
let f: JournalFixture;
let lessons: { id: number; date: string }[];
let periodId: number;

before(async () => {
  host = await startHost({ demo: true });
  f = await setupJournal(host.url);
  const g = await readGrid(host.url, f);
  periodId = g.periods[0].id;
  lessons = (await readGrid(host.url, f, periodId)).lessons;
  browser = await launchBrowser();
  page = await openApp(browser, host);
  await login(page, JOURNAL_TEACHER.login, JOURNAL_TEACHER.password);
});

after(async () => {
  await browser?.close();
  await host?.stop();
});

const cell = (row: number, col: number) => page.locator(`td[data-student="${f.students[row]}"][data-lesson="${lessons[col].id}"]`);

async function textOf(row: number, col: number) {
  return cell(row, col).getAttribute('data-text');
}

async function waitState(row: number, col: number, state: string) {
  await page.locator(`td[data-student="${f.students[row]}"][data-lesson="${lessons[col].id}"][data-state="${state}"]`).waitFor();
}

/** Opens the journal screen on the first quarter (after a reload too). */
async function openJournal() {
  await page.getByRole('menuitem', { name: 'Журнал класса' }).click();
  await page.getByRole('heading', { name: 'Журнал класса' }).waitFor();
  await page.getByTestId('journal-grid').waitFor();
  await page.getByRole('combobox', { name: 'Период' }).click();
  await page.locator('.ant-select-item-option', { hasText: /^1 четверть$/ }).click();
  await cell(0, 0).waitFor();
}

/** A key of the Russian layout, as the keyboard sends it (Playwright's own keyboard knows the US layout only). */
async function pressRu(ch: string, code: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, code, text: ch, unmodifiedText: ch });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch, code });
  await cdp.detach();
}

async function select(row: number, col: number) {
  await cell(row, col).click();
}

async function paste(text: string) {
  await page.getByTestId('journal-grid').evaluate((el, t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

async function dbText(row: number, col: number): Promise<string> {
  const g = await readGrid(host.url, f, periodId);
  return g.cells[`${f.students[row]}:${lessons[col].id}`]?.text ?? '';
}

test('the teacher types marks and absences with the keyboard; they are saved and survive a reload', async () => {
  await openJournal();
  await select(0, 0);
  await page.keyboard.press('5');
  await page.keyboard.press('Enter'); // saved, down to row 1
  await pressRu('н', 'KeyY');
  await page.keyboard.press('Tab'); // saved, right to (1, 1)
  await page.keyboard.type('4/5');
  await page.keyboard.press('Enter'); // down to (2, 1)
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp'); // (0, 1)
  await page.keyboard.press('4');
  await page.keyboard.press('ArrowRight'); // saved, right to (0, 2)
  await page.keyboard.press('3');
  await page.keyboard.press('Escape'); // cancelled: nothing typed stays
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown'); // (3, 2)
  await page.keyboard.press('2');
  await page.keyboard.press('Shift+Tab'); // saved, left to (3, 1)
  await page.keyboard.press('5');
  await page.keyboard.press('Enter');
  for (const [r, c] of [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
    [3, 2],
    [3, 1],
  ])
    await waitState(r, c, 'saved');
  assert.equal(await textOf(0, 0), '5');
  assert.equal(await textOf(1, 0), 'н');
  assert.equal(await textOf(1, 1), '4/5');
  assert.equal(await textOf(0, 1), '4');
  assert.equal(await textOf(0, 2), '');
  assert.equal(await textOf(3, 2), '2');
  assert.equal(await textOf(3, 1), '5');

  // Delete clears a cell.
  await select(3, 1);
  await page.keyboard.press('Delete');
  await waitState(3, 1, 'saved');
  assert.equal(await textOf(3, 1), '');

  await page.reload();
  await openJournal();
  assert.equal(await textOf(0, 0), '5');
  assert.equal(await textOf(1, 0), 'н');
  assert.equal(await textOf(1, 1), '4/5');
  assert.equal(await textOf(0, 1), '4');
  assert.equal(await textOf(3, 2), '2');
  assert.equal(await textOf(3, 1), '');
  assert.equal(await dbText(1, 1), '4/5');
});

test('a pasted block from a spreadsheet is saved; a block that does not fit, or lands on closed cells, is refused whole', async () => {
  await select(0, 3);
  await paste('5\t4\t3\r\nн\t5\t4/5\r\n');
  for (const [r, c] of [
    [0, 3],
    [0, 4],
    [0, 5],
    [1, 3],
    [1, 4],
    [1, 5],
  ])
    await waitState(r, c, 'saved');
  assert.deepEqual(
    [await textOf(0, 3), await textOf(0, 4), await textOf(0, 5), await textOf(1, 3), await textOf(1, 4), await textOf(1, 5)],
    ['5', '4', '3', 'н', '5', '4/5'],
  );
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  await screenshot(page, 'journal-grid');

  // Too large: three rows from the last-but-one student.
  await select(2, 6);
  await paste('5\n5\n5\n');
  await page.getByTestId('journal-error').filter({ hasText: 'не помещается' }).waitFor();
  // Onto a transferred student's closed cells (after the transfer date).
  const closedCol = lessons.findIndex((l) => l.date >= TRANSFER_DATE);
  await select(1, closedCol);
  await paste('4\n4\n');
  await page.getByTestId('journal-error').filter({ hasText: 'закрытую клетку' }).waitFor();
  // A bad mark inside a block: main refuses the whole block.
  await select(0, 7);
  await paste('5\t6\n');
  await page.getByTestId('journal-error').filter({ hasText: '«6»' }).waitFor();
  assert.equal(await dbText(0, 7), '');
  assert.equal(await dbText(0, 8), '');
  assert.equal(await dbText(2, 6), '');
  assert.equal(await dbText(1, closedCol), '');
});

test("«6» and «5+» are refused with main's Russian message; the cell keeps what the database holds", async () => {
  await select(0, 0);
  await page.keyboard.press('6');
  await page.keyboard.press('Enter');
  await waitState(0, 0, 'failed');
  await page.getByTestId('journal-error').filter({ hasText: '«6»: отметка должна быть от 1 до 5' }).waitFor();
  assert.equal(await textOf(0, 0), '5');
  assert.match((await cell(0, 0).getAttribute('title')) ?? '', /Не сохранено/);

  await select(2, 0);
  await page.keyboard.type('5+');
  await page.keyboard.press('Enter');
  await waitState(2, 0, 'failed');
  await page.getByTestId('journal-error').filter({ hasText: '«5+»' }).waitFor();
  assert.equal(await textOf(2, 0), '');

  await page.reload();
  await openJournal();
  assert.equal(await textOf(0, 0), '5');
  assert.equal(await textOf(2, 0), '');
});

test('Ctrl+Z restores the previous value', async () => {
  await select(0, 0);
  await page.keyboard.press('3');
  await page.keyboard.press('Enter');
  await waitState(0, 0, 'saved');
  assert.equal(await textOf(0, 0), '3');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(
    ([s, l]) => document.querySelector(`td[data-student="${s}"][data-lesson="${l}"]`)?.getAttribute('data-text') === '5',
    [f.students[0], lessons[0].id] as const,
  );
  await waitState(0, 0, 'saved');
  assert.equal(await dbText(0, 0), '5');
  // The history of the cell shows both changes.
  await select(0, 0);
  await page.getByTestId('cell-history').filter({ hasText: '3 → 5' }).waitFor();
});

test("a transferred student's cells after the transfer date are closed", async () => {
  const before = lessons.findIndex((l) => l.date < TRANSFER_DATE);
  const afterCol = lessons.findIndex((l) => l.date >= TRANSFER_DATE);
  assert.notEqual(await cell(2, before).getAttribute('data-state'), 'closed');
  assert.equal(await cell(2, afterCol).getAttribute('data-state'), 'closed');
  assert.notEqual(await cell(1, afterCol).getAttribute('data-state'), 'closed');
  await select(2, afterCol);
  await page.keyboard.press('5');
  await page.getByTestId('journal-notice').filter({ hasText: 'Клетка закрыта' }).waitFor();
  assert.equal(await page.locator('td input[aria-label="Запись в клетке"]').count(), 0);
});

test('period marks lock the period for the teacher; the deputy unlocks it with a reason', async () => {
  // Three marks for Антонов so the suggestion has something to go on.
  assert.equal(await dbText(0, 0), '5');
  await page.getByRole('button', { name: 'Отметки за период…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('период закрывается').waitFor();
  const antonov = dialog.getByRole('combobox', { name: 'Отметка: Антонов Иван' });
  assert.notEqual(await antonov.inputValue(), '', 'prefilled with the suggested mark');
  await dialog.getByRole('combobox', { name: 'Отметка: Григорьев Иван' }).fill('3');
  await dialog.getByRole('button', { name: 'Сохранить отметки' }).click();
  await page.getByTestId('journal-locked').waitFor();
  assert.equal(await page.getByTestId('journal-grid').getAttribute('data-readonly'), 'true');
  assert.equal(await page.getByTestId(`final-${f.students[3]}`).getAttribute('data-value'), '3');
  assert.equal(await page.getByRole('button', { name: 'Снять блокировку' }).count(), 0, 'the teacher cannot unlock');

  await select(0, 9);
  await page.keyboard.press('5');
  await page.getByTestId('journal-notice').waitFor();
  assert.equal(await page.locator('td input[aria-label="Запись в клетке"]').count(), 0);
  const teacher = await (await new HostClient(host.url).open()).login(JOURNAL_TEACHER.login, JOURNAL_TEACHER.password);
  const refused = await teacher.raw('journal.saveCell', { lessonId: lessons[9].id, studentId: f.students[0], text: '5' });
  assert.equal(refused.ok, false);
  assert.equal(await dbText(0, 9), '');

  await page.getByRole('button', { name: 'Сменить пользователя' }).click();
  await login(page, 'zavuch', DEMO_PASSWORD);
  await page.getByRole('menuitem', { name: 'Журнал класса' }).click();
  await page.getByRole('combobox', { name: 'Журнал' }).click();
  await page.keyboard.type('5Ю · Математика');
  await page.locator('.ant-select-item-option', { hasText: '5Ю · Математика' }).first().click();
  await page.getByRole('combobox', { name: 'Период' }).click();
  await page.locator('.ant-select-item-option', { hasText: /^1 четверть$/ }).click();
  await page.getByTestId('journal-locked').waitFor();
  await page.getByRole('button', { name: 'Снять блокировку' }).click();
  const unlock = page.getByRole('dialog');
  await unlock.getByLabel('Причина снятия блокировки').fill('Исправление ошибочно выставленной отметки по заявлению учителя');
  await unlock.getByRole('button', { name: 'Снять блокировку' }).click();
  await page.locator('.ant-message-notice').filter({ hasText: 'Блокировка снята' }).waitFor();
  await page.getByTestId('journal-grid').and(page.locator('[data-readonly="false"]')).waitFor();
  assert.equal(await page.getByTestId('journal-locked').count(), 0);
  const ok = await teacher.raw('journal.saveCell', { lessonId: lessons[9].id, studentId: f.students[0], text: '5' });
  assert.equal(ok.ok, true, JSON.stringify(ok));
});

test("the year's finals: the period mark is there, the deputy sets a year mark", async () => {
  await page.getByRole('menuitem', { name: 'Итоговые отметки' }).click();
  const table = page.getByTestId('finals-table');
  await table.getByText('Григорьев Иван').waitFor();
  assert.equal(await page.getByTestId(`final-${f.students[3]}-p1`).innerText(), '3');
  await page.getByRole('button', { name: 'Выставить: Годовая' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Отметка: Григорьев Иван' }).fill('4');
  await dialog.getByRole('button', { name: 'Сохранить отметки' }).click();
  const year = page.getByTestId(`final-${f.students[3]}-year`);
  await page.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent === '4', `final-${f.students[3]}-year`);
  assert.equal(await year.innerText(), '4');
  // Saved, not only shown: the year's finals read back through the API.
  const deputy = await (await new HostClient(host.url).open()).login('zavuch', DEMO_PASSWORD);
  const saved = await deputy.call('journal.finals', { classId: f.classId, subjectId: f.subjectId, groupId: null });
  assert.equal(saved.marks[f.students[3]]?.year, '4');
  assert.equal(saved.marks[f.students[3]]?.p1, '3');
});

test('the homeroom view, a student card and the attendance of the class', async () => {
  await page.getByRole('menuitem', { name: 'Класс: сводка и посещаемость' }).click();
  await page.getByRole('combobox', { name: 'Класс' }).click();
  await page.keyboard.type('5Ю');
  await page.locator('.ant-select-item-option', { hasText: /^5Ю$/ }).click();
  await page.getByRole('combobox', { name: 'Период' }).click();
  await page.locator('.ant-select-item-option', { hasText: /^1 четверть$/ }).click();
  const table = page.getByTestId('homeroom-table');
  await table.getByText('Антонов Иван').waitFor();
  // Each student's mathematics cell: the first quarter's marks in date order, exactly as typed in the tests above
  // (Антонов: 5, 4, pasted 5 4 3, and the 5 saved after the unlock; Борисов: 4/5, pasted 5 and 4/5), and the period mark.
  const marks = (i: number) => table.getByTestId(`homeroom-marks-${f.students[i]}-${f.subjectId}`);
  await marks(0).waitFor();
  assert.equal(await marks(0).innerText(), '5 4 5 4 3 5');
  assert.equal(await marks(1).innerText(), '4/5 5 4/5');
  assert.equal(await marks(3).innerText(), '2');
  assert.equal(await table.getByTestId(`homeroom-period-${f.students[3]}-${f.subjectId}`).innerText(), '3');
  // Earlier tests' toasts («Отметки сохранены», «Блокировка снята») may still be fading: wait until none is left.
  await page.waitForFunction(() => document.querySelectorAll('.ant-message-notice').length === 0, undefined, { timeout: 15_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await screenshot(page, 'journal-homeroom');
  await table.getByText('Борисов Иван').click();
  const card = page.getByTestId('student-card');
  await card.getByText('Математика').waitFor();
  // Борисов's card: the cell typed as «4/5» on the second lesson, «н» on the first.
  const entry = (col: number) => card.getByTestId(`card-entry-${f.subjectId}-${lessons[col].id}`);
  await entry(1).waitFor();
  assert.equal(await entry(1).getAttribute('data-text'), '4/5');
  assert.equal(await entry(0).getAttribute('data-text'), 'н');
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'Посещаемость' }).click();
  // Attendance: Борисов absent («н») on the first and the fourth lesson's days, and nowhere else among those days.
  const day = (i: number, col: number) =>
    page.getByTestId('attendance-table').getByTestId(`attendance-${f.students[i]}-${lessons[col].date}`);
  await day(1, 0).waitFor();
  assert.equal(await day(1, 0).innerText(), 'н');
  assert.equal(await day(1, 3).innerText(), 'н');
  assert.equal(await day(0, 0).count(), 0);
});
