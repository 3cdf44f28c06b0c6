import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Db } from '../../db/index';
import { isPostgresUrl } from '../../db/dialect';
import { migrateToPostgres, prepareTarget } from '../kernel/migrate-to-postgres';
import { EXIT, osActor, UsageError, withDatabase, type Command } from '../kernel/cli-command';
import { databaseStats } from '../school/stats';
import { isIsoDate, ru } from '../contract/rules/dates';
import { runDemo, type DemoResult } from './index';
import { ruNumber } from '../contract/rules/numbers';
import { plural, type PluralForms } from '../contract/rules/plural';

const STUDENTS: PluralForms = ['ученик', 'ученика', 'учеников'];
const CLASSES: PluralForms = ['класс', 'класса', 'классов'];
const STAFF: PluralForms = ['сотрудник', 'сотрудника', 'сотрудников'];
const MARKS: PluralForms = ['отметка', 'отметки', 'отметок'];
/** «1 100 учеников», «43 класса». */
const count = (n: number, forms: PluralForms) => `${ruNumber(n)} ${plural(n, forms)}`;

export const demo: Command = {
  usage:
    'demo --db FILE|postgres://… [--students N] [--seed S] [--password P] [--years 1..25] [--today ГГГГ-ММ-ДД]\n      создать в пустой базе демонстрационную школу, живущую сегодня: учебный год, в котором сегодняшний день (или --today),\n      заполнен по этот день; --years 5: и четыре прошлых закрытых года перед ним с журналами;\n      --years 25: и ещё 20 архивных лет до них — только классы, ученики и итоговые отметки, без уроков)',
  async run(args, out) {
    const { values } = parseArgs({
      args,
      options: {
        db: { type: 'string' },
        students: { type: 'string' },
        seed: { type: 'string' },
        password: { type: 'string' },
        years: { type: 'string' },
        today: { type: 'string' },
      },
    });
    const students = values.students ? Number(values.students) : undefined;
    if (students !== undefined && !(Number.isInteger(students) && students > 0 && students <= 20000))
      throw new UsageError('--students: целое число от 1 до 20000');
    const seed = values.seed ? Number(values.seed) : undefined;
    if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError('--seed: целое число');
    const years = values.years ? Number(values.years) : undefined;
    if (years !== undefined && !(Number.isInteger(years) && years >= 1 && years <= 25))
      throw new UsageError('--years: целое число от 1 до 25');
    if (values.today !== undefined && !isIsoDate(values.today)) throw new UsageError('--today: дата вида 2026-12-02');
    const opts = { students, seed, password: values.password, years, today: values.today };
    const report = async (db: Db, r: DemoResult, started: number) => {
      const stats = await databaseStats(db);
      out.log(
        `Демонстрационная школа создана за ${ruNumber((Date.now() - started) / 1000, 1, true)} с: ${count(stats.students, STUDENTS)}, ${count(stats.classes, CLASSES)}, ${count(stats.staff, STAFF)}, ${count(stats.marks, MARKS)}.`,
      );
      const year = await db.selectFrom('academic_year').select('name').orderBy('start_date', 'desc').executeTakeFirst();
      out.log(`Учебный год ${year?.name ?? ''}, заполнен по ${ru(r.today)}.`);
      out.log(`Учётные записи: ${r.logins.slice(0, 5).join(', ')} … (всего ${r.logins.length}); пароль у всех: ${r.password}`);
      return EXIT.ok;
    };
    if (values.db && isPostgresUrl(values.db)) {
      // The generator writes through better-sqlite3 in bulk: the school is made in a temporary file and moved to the
      // server by migrate-to's copy (one transaction, counts and audit chain compared). The empty target is checked
      // before the minutes of generating.
      const started = Date.now();
      const target = await prepareTarget(values.db);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-demo-pg-'));
      try {
        const file = path.join(dir, 'demo.sqlite');
        const h = await openDatabase(file);
        let r: DemoResult;
        try {
          r = await runDemo(h.db, h.raw, osActor(), opts);
          h.raw.pragma('wal_checkpoint(TRUNCATE)');
        } finally {
          await h.close();
        }
        out.log(`Школа создана во временном файле за ${ruNumber((Date.now() - started) / 1000, 1, true)} с; переношу в PostgreSQL…`);
        const m = await migrateToPostgres(file, target);
        out.log(`Перенесено строк: ${ruNumber(m.copy.rows)}, за ${ruNumber(m.ms / 1000, 1, true)} с; число строк и журнал аудита совпали.`);
        return await report(target.db, r, started);
      } finally {
        await target.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    return withDatabase(
      values.db,
      async (h) => {
        const started = Date.now();
        return report(h.db, await runDemo(h.db, h.raw, osActor(), opts), started);
      },
      { access: 'create' },
    );
  },
};
