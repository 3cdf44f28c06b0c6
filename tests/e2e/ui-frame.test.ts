import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../main/demo';
import type { YearRow } from '../../main/contract/school-outputs';
import { HostClient } from '../helpers/api';
import { fillDate, launchBrowser, login, screenshot, startHost, type RunningHost } from '../helpers/browser';
import { student } from '../helpers/timetable';
import { localDate } from '../../main/contract/rules/entry-deadline';
import { DEMO_TIME_ZONE } from '../../main/demo/calendar';

// The frame and the everyday speed of the screens, measured in Chromium at a laptop's 1366×768 (and the homeroom
// summary at 1920×1080): element boxes from getBoundingClientRect, not impressions. Issue 15, parts 2, 3, 8 and 9.

let host: RunningHost;
let browser: Browser;
let page: Page;
let zavuch: HostClient;
let year: YearRow;
/** Our own small class (5Ю, mathematics every weekday) for typing marks: nothing in it is locked. */
let own: { classId: number; subjectId: number; students: number[] };

/** The year the program opens on: the one containing today, else the latest (as the header's year picker does). */
function currentYear(years: YearRow[]): YearRow {
  const today = localDate(new Date().toISOString(), DEMO_TIME_ZONE);
  return (
    years.find((y) => y.startDate <= today && today <= y.endDate) ?? [...years].sort((a, b) => b.startDate.localeCompare(a.startDate))[0]
  );
}

async function ownJournal(): Promise<typeof own> {
  const yearId = year.id;
  const bell = (await zavuch.call('bells.list', { yearId }))[0].id;
  const subjectId = (await zavuch.call('subjects.list', {})).find((s) => s.name === 'Математика')!.id;
  const staffId = await zavuch.call('staff.save', {
    id: null,
    last_name: 'Юрьева',
    first_name: 'Анна',
    middle_name: 'Петровна',
    position: 'Учитель математики',
    birth_date: null,
    snils: null,
    phone: '',
    email: '',
    active: true,
  });
  const classId = await zavuch.call('classes.save', {
    id: null,
    yearId,
    grade: 5,
    letter: 'Ю',
    homeroom_staff_id: staffId,
    bell_schedule_id: bell,
    week_days: 5,
    shift: 1,
    room_id: null,
  });
  const students: number[] = [];
  for (const [i, last] of ['Антонов', 'Борисов', 'Васильев'].entries())
    students.push(
      await zavuch.call('students.create', {
        classId,
        date: year.startDate,
        order_number: '7-у',
        guardians: [],
        student: student(last, 'Иван', `2014-0${i + 1}-10`),
      }),
    );
  await zavuch.call('load.save', { id: null, yearId, staffId, classId, groupId: null, subjectId, hours: 5 });
  const versionId = (await zavuch.call('timetable.versions', { yearId }))[0].id;
  for (const weekday of [1, 2, 3, 4, 5])
    await zavuch.call('timetable.saveSlot', {
      id: null,
      versionId,
      classId,
      groupId: null,
      weekday,
      lesson_number: 7,
      subjectId,
      staffId,
      roomId: null,
    });
  await zavuch.call('lessons.generate', { yearId, classIds: [classId] });
  return { classId, subjectId, students };
}

before(async () => {
  host = await startHost({ demo: true });
  zavuch = await (await new HostClient(host.url).open()).login('zavuch', DEMO_PASSWORD);
  year = currentYear(await zavuch.call('years.list', {}));
  own = await ownJournal();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU' });
  page.setDefaultTimeout(30_000);
  await page.goto(host.url);
  await login(page, 'zavuch', DEMO_PASSWORD);
});

after(async () => {
  await browser?.close();
  await host?.stop();
});

async function openScreen(title: string) {
  await page.getByRole('menuitem', { name: title }).click();
  await page.getByRole('heading', { name: title }).waitFor();
}

/** Chooses an option of a searchable picker by typing words of it; returns the options the search left. */
async function searchPick(label: string, typed: string, option: string): Promise<string[]> {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  await box.fill(typed);
  const wanted = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
  await wanted.waitFor();
  const left = await page.locator('.ant-select-dropdown:visible .ant-select-item-option').allInnerTexts();
  await wanted.click();
  return left;
}

/** The value a picker shows, found by the picker's label; waits until it reads `text`. */
function shown(label: string, text: string | RegExp) {
  return page
    .locator('.ant-select', { has: page.getByRole('combobox', { name: label }) })
    .locator('.ant-select-content', { hasText: text })
    .waitFor();
}

async function choosePeriod(name: string) {
  await page.getByRole('combobox', { name: 'Период' }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: new RegExp(`^${name}$`) }).click();
  await shown('Период', new RegExp(`^${name}$`));
}

/** What of the journal grid is in view, measured by boxes: rows below the sticky header, columns right of the names. */
async function gridInView() {
  return page.evaluate(() => {
    const wrap = document.querySelector('[data-testid="journal-grid"]')!;
    const w = wrap.getBoundingClientRect();
    const head = wrap.querySelector('thead')!.getBoundingClientRect();
    const names = wrap.querySelector('th.jg-name')!.getBoundingClientRect();
    const bottom = Math.min(w.bottom, window.innerHeight);
    const right = Math.min(w.right, window.innerWidth);
    const rows = [...wrap.querySelectorAll('tbody tr')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= head.bottom - 1 && b.bottom <= bottom + 1;
    });
    const cols = [...wrap.querySelectorAll<HTMLElement>('th[data-lesson-header]')].map((th) => {
      const b = th.getBoundingClientRect();
      return { id: Number(th.dataset.lessonHeader), visible: b.left >= names.right - 1 && b.right <= right + 1 };
    });
    return {
      rows: rows.length,
      total: wrap.querySelectorAll('tbody tr').length,
      cols,
      pageScroll: document.documentElement.scrollWidth > window.innerWidth,
    };
  });
}

test('part 9: the journal picker finds «5А · Русский язык» from «5А рус»; part 2: 20 students and a month of lessons in view at 1366×768', async () => {
  await openScreen('Журнал класса');
  await page.getByTestId('journal-grid').waitFor();
  const left = await searchPick('Журнал', '5а рус', '5А · Русский язык');
  assert.ok(left.length > 0 && left.every((t) => /^5А · Русск/.test(t)), `the search left only 5А's Russian: ${left.join(' | ')}`);
  await shown('Журнал', '5А · Русский язык');
  await choosePeriod('1 четверть');
  await page.locator('td.jg-cell').first().waitFor();

  const grid = await zavuch
    .call('journal.grid', {
      classId: (await zavuch.call('classes.list', { yearId: year.id })).find((c) => c.name === '5А')!.id,
      subjectId: (await zavuch.call('subjects.list', {})).find((s) => s.name === 'Русский язык')!.id,
      groupId: null,
      periodId: null,
    })
    .catch(() => null);
  assert.ok(grid, 'the journal 5А · Русский язык exists');
  const v = await gridInView();
  assert.ok(v.total >= 20, `the class has at least 20 students (${v.total})`);
  assert.ok(v.rows >= 20, `at least 20 student rows in view without scrolling, saw ${v.rows}`);
  assert.equal(v.pageScroll, false, 'the page itself does not scroll sideways');
  // A month of lessons: at least as many lesson columns in view at once as the period's fullest calendar month has,
  // side by side, spanning four weeks.
  const headers = await page
    .locator('th[data-lesson-header]')
    .evaluateAll((ths) =>
      ths.map((th) => ({ id: Number((th as HTMLElement).dataset.lessonHeader), title: th.getAttribute('title') ?? '' })),
    );
  const perMonth = new Map<string, number>();
  for (const h of headers) perMonth.set(h.title.slice(3, 10), (perMonth.get(h.title.slice(3, 10)) ?? 0) + 1); // «ДД.ММ.ГГГГ, …»
  const fullest = Math.max(...perMonth.values());
  const visible = headers.filter((h) => v.cols.find((c) => c.id === h.id)?.visible);
  const iso = (t: string) => `${t.slice(6, 10)}-${t.slice(3, 5)}-${t.slice(0, 2)}`;
  const days = (Date.parse(iso(visible[visible.length - 1].title)) - Date.parse(iso(visible[0].title))) / 86_400_000;
  assert.ok(fullest >= 15, `a month of Russian lessons has at least 15 lessons (${fullest})`);
  assert.ok(visible.length >= fullest, `${visible.length} lesson columns in view, the fullest month has ${fullest}`);
  assert.ok(days >= 27, `the columns in view span ${days} days`);
  await screenshot(page, 'journal-grid-1366');
});

test('part 9: the chosen period is remembered across a reload', async () => {
  await openScreen('Журнал класса');
  await choosePeriod('2 четверть');
  await page.reload();
  await page.getByTestId('journal-grid').waitFor();
  await shown('Период', /^2 четверть$/);
  await shown('Журнал', '5А · Русский язык');
  await choosePeriod('1 четверть');
});

test('part 2: the side menu and the header stay put while the screen scrolls; a screen opened from the lower menu opens at its top', async () => {
  await openScreen('Журнал класса');
  await page.locator('td.jg-cell').first().waitFor();
  const boxes = () =>
    page.evaluate(() =>
      ['side-menu', 'app-header'].map((id) => {
        const b = document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
        return [b.left, b.top, b.width, b.height];
      }),
    );
  const before = await boxes();
  await page.getByRole('heading', { name: 'Журнал класса' }).hover();
  await page.mouse.wheel(0, 2000);
  await page.waitForFunction(() => document.querySelector('[data-testid="screen"]')!.scrollTop > 0);
  assert.deepEqual(await boxes(), before, 'the menu and header boxes did not move');
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the window itself does not scroll');

  // The lowest item of the side menu, reached by scrolling the menu down.
  const items = await page.getByTestId('side-menu').getByRole('menuitem').allInnerTexts();
  const last = items[items.length - 1].trim();
  await page.getByTestId('side-menu').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await page.getByTestId('side-menu').getByRole('menuitem', { name: last }).click();
  await page.getByRole('heading', { name: last }).waitFor();
  const opened = await page.evaluate(() => ({
    scrollTop: document.querySelector('[data-testid="screen"]')!.scrollTop,
    windowY: window.scrollY,
    headingTop: document.querySelector('[data-testid="screen"] h4')!.getBoundingClientRect().top,
  }));
  assert.equal(opened.scrollTop, 0, `«${last}» opened at its top`);
  assert.equal(opened.windowY, 0);
  assert.ok(opened.headingTop < 100, `the screen's title is at the top (${opened.headingTop}px)`);
  assert.deepEqual(await boxes(), before);
});

test('part 3: the average and the suggested period mark follow the marks as they are typed, without reloading the grid', async () => {
  await openScreen('Журнал класса');
  await searchPick('Журнал', '5ю мат', '5Ю · Математика');
  await choosePeriod('1 четверть');
  const first = own.students[0];
  await page.locator(`td[data-student="${first}"]`).first().waitFor();
  const gridLoads: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && (r.postData() ?? '').includes('"journal.grid"')) gridLoads.push(r.url());
  });
  const cells = page.locator(`td.jg-cell[data-student="${first}"]:not([data-state="closed"])`);
  const avg = page.getByTestId(`avg-${first}`);
  const fin = page.getByTestId(`final-${first}`);
  const type = async (col: number, text: string) => {
    await cells.nth(col).click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    await page.locator(`td.jg-cell[data-student="${first}"][data-state="saved"]`).nth(col).waitFor();
  };
  await type(0, '5');
  await page.waitForFunction((id) => document.querySelector(`[data-testid="avg-${id}"]`)?.textContent === '5,00', first);
  assert.equal(await fin.getAttribute('data-suggested'), '5');
  await type(1, '4');
  await page.waitForFunction((id) => document.querySelector(`[data-testid="avg-${id}"]`)?.textContent === '4,50', first);
  assert.equal(await fin.getAttribute('data-suggested'), '5');
  await type(2, '2');
  await page.waitForFunction((id) => document.querySelector(`[data-testid="avg-${id}"]`)?.textContent === '3,67', first);
  assert.equal(await fin.getAttribute('data-suggested'), '4');
  assert.equal(await avg.textContent(), '3,67');
  // Main computes the same with its rule on a fresh read.
  const fresh = await zavuch.call('journal.grid', { classId: own.classId, subjectId: own.subjectId, groupId: null, periodId: null });
  const p1 = fresh.periods.find((p) => p.name === '1 четверть')!;
  const inP1 = await zavuch.call('journal.grid', { classId: own.classId, subjectId: own.subjectId, groupId: null, periodId: p1.id });
  assert.equal(inP1.finals[first].average, 3.67);
  assert.equal(inP1.finals[first].suggested, '4');
  assert.deepEqual(gridLoads, [], 'the grid was not reloaded');
});

test('part 2: the homeroom summary shows a class’s subjects without sideways scrolling at 1920×1080', async () => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  try {
    await openScreen('Класс: сводка и посещаемость');
    // The class with the most subjects among a few grades.
    for (const cls of ['5А', '9А', '11А']) {
      await searchPick('Класс', cls.toLowerCase(), cls);
      await shown('Класс', new RegExp(`^${cls}$`));
      await page.getByTestId('homeroom-table').locator('tbody tr.ant-table-row').first().waitFor();
      const m = await page.evaluate(() => {
        const t = document.querySelector('[data-testid="homeroom-table"]')!;
        const scrollers = [...t.querySelectorAll<HTMLElement>('.ant-table-body, .ant-table-content, .ant-table-header')];
        const headers = t.querySelectorAll('thead th').length;
        const right = Math.max(...[...t.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect().right));
        return {
          overflow: scrollers.some((s) => s.scrollWidth > s.clientWidth + 1),
          sizes: scrollers.map((s) => `${s.className.split(' ')[0]} ${s.scrollWidth}/${s.clientWidth}`).join('; '),
          page: document.documentElement.scrollWidth > window.innerWidth,
          headers,
          right,
          width: window.innerWidth,
        };
      });
      assert.equal(m.overflow, false, `${cls}: no sideways scrolling in the summary (${m.sizes})`);
      assert.equal(m.page, false);
      assert.ok(m.headers >= 8, `${cls}: its subjects are columns (${m.headers})`);
      assert.ok(m.right <= m.width, `${cls}: the last column ends inside the window`);
      if (cls === '9А') await screenshot(page, 'homeroom-summary-1920');
    }
  } finally {
    await page.setViewportSize({ width: 1366, height: 768 });
  }
  await page.getByTestId('homeroom-table').waitFor();
  await screenshot(page, 'homeroom-summary-1366');
});

test('part 8: the substitute list holds only the teachers free at that lesson, best suited first; a conflict shows before saving', async () => {
  // A lesson of 5А on a study day of the year, from the data.
  const cls = (await zavuch.call('classes.list', { yearId: year.id })).find((c) => c.name === '5А')!;
  const week = await zavuch.call('lessons.list', { classId: cls.id, staffId: null, from: year.startDate, to: year.endDate });
  const lesson = week.find((l) => l.status === 'held' && l.lessonNumber === 2 && !l.substitute && l.groupId === null)!;
  assert.ok(lesson, 'a held whole-class lesson №2 of 5А');
  const sameDay = week.filter((l) => l.date === lesson.date && l.status === 'held');
  const activeStaff = (await zavuch.call('staff.list', {})).filter((s) => s.active).length;

  await openScreen('Замены и переносы');
  await fillDate(page, 'Дата', lesson.date);
  await searchPick('Класс', '5а', '5А');
  await shown('Класс', /^5А$/);
  const row = page.locator(`tr[data-row-key="${lesson.id}"]`);
  await row.waitFor();
  await row.getByRole('button', { name: 'Замена' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Заменяющий учитель' }).click();
  await page.locator('.ant-select-dropdown:visible [data-candidate]').first().waitFor();
  const offered = await page
    // Only the rendered candidates: while the list redraws, an option may not hold its candidate mark yet.
    .locator('.ant-select-dropdown:visible .ant-select-item-option:has([data-candidate])')
    .evaluateAll((os) =>
      os.map((o) => ({ id: Number(o.querySelector('[data-candidate]')?.getAttribute('data-candidate')), text: o.textContent ?? '' })),
    );
  await screenshot(page, 'substitution-dialog-1366');
  const candidates = await zavuch.call('subs.candidates', { lessonId: lesson.id });
  assert.ok(candidates.length > 0, 'someone is free');
  assert.ok(candidates.length < activeStaff, `not all ${activeStaff} staff: ${candidates.length}`);
  // The dropdown renders the first options of a long list (virtual scrolling): they are main's list, in its order.
  assert.deepEqual(
    offered.map((o) => o.id),
    candidates.slice(0, offered.length).map((c) => c.staffId),
  );
  const rank = { subject: 0, qualified: 1, class: 2, none: 3 };
  for (let i = 1; i < candidates.length; i++)
    assert.ok(rank[candidates[i - 1].match] <= rank[candidates[i].match], 'sorted by subject match');
  // Every one offered is free: main's own check finds nothing against them; the lesson's teacher is not offered.
  for (const c of candidates.slice(0, 8))
    assert.deepEqual((await zavuch.call('subs.check', { kind: 'substitute', lessonId: lesson.id, staffId: c.staffId })).problems, []);
  assert.ok(!candidates.some((c) => c.staffId === lesson.staffId));
  // Whoever has a held lesson at that time is not offered.
  for (const s of (await zavuch.call('staff.list', {})).filter((x) => x.active)) {
    const theirs = await zavuch.call('lessons.list', { classId: null, staffId: s.id, from: lesson.date, to: lesson.date });
    if (theirs.some((x) => x.status === 'held' && x.id !== lesson.id && x.startTime === lesson.startTime))
      assert.ok(!candidates.some((c) => c.staffId === s.id), `staff ${s.id} is busy at that time and not offered`);
  }
  await page.keyboard.press('Escape');
  await dialog.locator('.ant-modal-close').click();
  await dialog.waitFor({ state: 'hidden' });

  // A move onto another lesson of the class: the dialog says so before anything is saved.
  const other = sameDay.find((l) => l.lessonNumber !== lesson.lessonNumber && l.groupId === null)!;
  const before = (await zavuch.call('subs.list', { yearId: year.id })).length;
  await row.getByRole('button', { name: 'Перенос' }).click();
  await dialog.getByLabel('Урок №').fill(String(other.lessonNumber));
  // The check runs again as the number is typed: wait for the answer about the new number, not the first one.
  const problems = dialog.getByTestId('subs-problems').filter({ hasText: /уже есть урок/ });
  await problems.waitFor();
  assert.equal(await dialog.getByRole('button', { name: 'Записать' }).isDisabled(), true, 'saving is not offered');
  assert.equal((await zavuch.call('subs.list', { yearId: year.id })).length, before, 'nothing saved');
  await dialog.locator('.ant-modal-close').click();
  await dialog.waitFor({ state: 'hidden' });
});

test('part 9: date pickers open on the selected school year', async () => {
  const today = localDate(new Date().toISOString(), DEMO_TIME_ZONE);
  const expected = today < year.startDate ? year.startDate : today > year.endDate ? year.endDate : today;
  const ru = `${expected.slice(8, 10)}.${expected.slice(5, 7)}.${expected.slice(0, 4)}`;
  await openScreen('Замены и переносы');
  await page.reload();
  await page.getByRole('heading', { name: 'Замены и переносы' }).waitFor();
  // The day shown is today within the selected year (once the years are read).
  await page.waitForFunction((v) => (document.querySelector('input[aria-label="Дата"]') as HTMLInputElement | null)?.value === v, ru);
  assert.equal(await page.getByLabel('Дата', { exact: true }).inputValue(), ru);
  // An empty picker opens its calendar on that month too.
  await openScreen('Уроки года');
  await page.getByLabel('С даты', { exact: true }).click();
  const header = await page.locator('.ant-picker-dropdown:visible .ant-picker-header-view').first().textContent();
  assert.ok(header?.includes(expected.slice(0, 4)), `the calendar opens in ${expected.slice(0, 4)}: ${header}`);
  await page.keyboard.press('Escape');
});
