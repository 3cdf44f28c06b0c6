import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../db';
import { makeSnils } from '../main/contract/rules/snils';
import { systemActor, type Ctx } from '../main/kernel/context';
import { importFile } from '../main/exchange/import';
import { ROSTER_TABLES } from '../main/exchange/roster-tables';
import type { ExportValue } from '../main/exchange/table';
import { writeTable } from '../main/exchange/writers';
import * as classes from '../main/school/classes';
import * as years from '../main/school/years';

// The roster import (issue 16) of 1 100 students with two parents each, from the template's CSV and XLSX, into a school
// with its year and 44 classes: the check (preview) and the whole import (check + one transaction through the screens'
// services with an audit row per student). Reference in the same run: the `sqlite3` shell's `.import` of the same CSV
// rows into one plain table (no checks, no guardians' table, no enrollment, no audit).

export const ABOUT =
  'Importing 1 100 students with two parents each (issue 16, part 1) from CSV (UTF-8) and XLSX: the preview (read + every row checked and matched) and the whole import (preview + one transaction: student, guardians, movement, enrollment and an audit row per student through the services the screens use). Reference: `sqlite3 .import` of the same CSV rows into one plain text table in the same run, which checks nothing and writes one table.';

const N = 1100;

function rows(): Record<string, ExportValue>[] {
  const out: Record<string, ExportValue>[] = [];
  for (let i = 0; i < N; i++) {
    const grade = 1 + (i % 11);
    const letter = 'АБВГ'[Math.floor(i / 11) % 4];
    const r: Record<string, ExportValue> = {
      class: `${grade}${letter}`,
      last_name: `Фамилия${i}`,
      first_name: i % 2 ? 'Мария' : 'Иван',
      middle_name: i % 2 ? 'Петровна' : 'Петрович',
      birth_date: `${2019 - grade}-0${1 + (i % 9)}-1${i % 10}`,
      gender: i % 2 ? 'ж' : 'м',
      citizenship: 'Российская Федерация',
      snils: makeSnils(500_000_000 + i),
      birth_cert_series: 'I-КН',
      birth_cert_number: String(600_000 + i),
      address_registered: `644001, г. Омск, ул. Ленина, д. ${1 + (i % 120)}, кв. ${1 + (i % 200)}`,
      address_actual: `644001, г. Омск, ул. Ленина, д. ${1 + (i % 120)}, кв. ${1 + (i % 200)}`,
      health_group: 'II',
      pe_group: 'основная',
      personal_file_no: `Б-${i + 1}`,
    };
    for (const [g, relation, first] of [
      [1, 'мать', 'Анна'],
      [2, 'отец', 'Пётр'],
    ] as const) {
      r[`g${g}_relation`] = relation;
      r[`g${g}_last_name`] = `Фамилия${i}${g === 1 ? 'а' : ''}`;
      r[`g${g}_first_name`] = first;
      r[`g${g}_middle_name`] = 'Ивановна';
      r[`g${g}_phone`] = `8 (913) ${String(100 + (i % 900))}-${String(10 + (i % 90))}-${String(10 + g)}`;
      r[`g${g}_address`] = String(r.address_actual);
      r[`g${g}_workplace`] = 'ПАО «Омскшина»';
    }
    out.push(r);
  }
  return out;
}

async function school(file: string): Promise<{ ctx: Ctx; close: () => Promise<void> }> {
  const h = await openDatabase(file);
  const now = new Date();
  const y = now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  const ctx: Ctx = { db: h.db, actor: systemActor('bench'), now: () => now };
  const yearId = await years.saveYear(ctx, { id: null, name: `${y}/${y + 1}`, start_date: `${y}-09-01`, end_date: `${y + 1}-08-31` });
  for (let grade = 1; grade <= 11; grade++)
    for (const letter of ['А', 'Б', 'В', 'Г']) await classes.saveClass(ctx, { id: null, yearId, grade, letter, week_days: 5, shift: 1 });
  return { ctx, close: () => h.close() };
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-bench-import-'));
  try {
    const table = ROSTER_TABLES.students;
    const data = rows();
    const csv = await writeTable(table, data, 'csv');
    const xlsx = await writeTable(table, data, 'xlsx');
    const result: Record<string, unknown> = {
      students: N,
      guardians: 2 * N,
      csvKB: Math.round(csv.length / 1024),
      xlsxKB: Math.round(xlsx.length / 1024),
    };

    for (const [format, buf] of [
      ['csv', csv],
      ['xlsx', xlsx],
    ] as const) {
      const s = await school(path.join(dir, `${format}.sqlite`));
      let t = performance.now();
      const checked = await importFile(s.ctx, 'students', `ученики.${format}`, buf, undefined, { dryRun: true });
      result[`${format}PreviewMs`] = Math.round(performance.now() - t);
      if (checked.preview.counts.errors)
        throw new Error(`bench rows refused: ${JSON.stringify(checked.preview.rows.find((r) => r.errors.length))}`);
      t = performance.now();
      const done = await importFile(s.ctx, 'students', `ученики.${format}`, buf);
      const ms = performance.now() - t;
      result[`${format}ImportMs`] = Math.round(ms);
      result[`${format}StudentsPerSecond`] = Math.round((done.result!.created / ms) * 1000);
      if (format === 'csv') {
        t = performance.now();
        const again = await importFile(s.ctx, 'students', 'ученики.csv', buf);
        result.csvSecondImportUpdateMs = Math.round(performance.now() - t);
        if (again.result!.updated !== N) throw new Error('the second import did not update every student');
      }
      await s.close();
    }

    // The reference: the same CSV rows (without the BOM) into one table by the sqlite3 shell.
    const plain = path.join(dir, 'plain.csv');
    fs.writeFileSync(plain, csv.subarray(3));
    const ref = path.join(dir, 'ref.sqlite');
    const cols = table.columns.map((c) => `"${c.key}" text`).join(', ');
    execFileSync('sqlite3', [ref, `create table roster(${cols});`]);
    const t = performance.now();
    execFileSync('sqlite3', [ref], { input: `.mode csv\n.separator ";"\n.import --skip 1 '${plain}' roster\n`, encoding: 'utf8' });
    result.sqlite3ImportMs = Math.round(performance.now() - t);
    const n = Number(execFileSync('sqlite3', [ref, 'select count(*) from roster'], { encoding: 'utf8' }).trim());
    if (n !== N) throw new Error(`sqlite3 .import read ${n} rows`);
    result.sqlite3Rows = n;
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
