import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../db/index';
import { RESULT_GROUPINGS, type ResultGrouping, type ResultKind } from '../contract/control';
import { EXIT, osActor, UsageError, withDatabase, type Command } from '../kernel/cli-command';
import type { Ctx } from '../kernel/context';
import { resultsReport } from './results';
import { resultsWorkbook } from './results-xlsx';
import { weeklyPdf, weeklyWorkbook } from './weekly-files';
import { weeklyControl } from './weekly';
import { isIsoDate } from '../contract/rules/dates';

// `report results`: the results report for scripts and checks (issue 12, part 12), the same service as the screen.

const PERIODS: Record<string, ResultKind> = { year: 'year', '1': 'p1', '2': 'p2', '3': 'p3', '4': 'p4' };

const results: Command = {
  usage: [
    'report results --db FILE --year 2025/2026 --period year|1|2|3|4 --by student|class|grade|subject|teacher|school',
    '      (--json | --format xlsx --out FILE)   успеваемость и качество (формулы — в отчёте)',
  ].join('\n'),
  async run(args, out) {
    const { values } = parseArgs({
      args,
      options: {
        db: { type: 'string' },
        year: { type: 'string' },
        period: { type: 'string' },
        by: { type: 'string' },
        json: { type: 'boolean' },
        format: { type: 'string' },
        out: { type: 'string' },
      },
    });
    if (!values.year) throw new UsageError('Укажите --year, например 2025/2026');
    const kind = PERIODS[values.period ?? ''];
    if (!kind) throw new UsageError('--period: year, 1, 2, 3 или 4');
    if (!(RESULT_GROUPINGS as readonly string[]).includes(values.by ?? ''))
      throw new UsageError(`--by: одно из ${RESULT_GROUPINGS.join(', ')}`);
    if (values.json === (values.format !== undefined)) throw new UsageError('Укажите либо --json, либо --format xlsx --out FILE');
    if (values.format !== undefined && values.format !== 'xlsx') throw new UsageError('--format: xlsx');
    if (values.format && !values.out) throw new UsageError('Укажите --out FILE.xlsx');
    return withDatabase(
      values.db,
      async (h) => {
        const ctx: Ctx = { db: h.db, actor: osActor(), now: () => new Date() };
        const year = await h.db.selectFrom('academic_year').select('id').where('name', '=', values.year!.trim()).executeTakeFirst();
        if (!year) throw new AppError('NOT_FOUND', `Учебный год ${values.year} не найден`);
        const report = await resultsReport(ctx, { yearId: year.id, kind, by: values.by as ResultGrouping, classId: null });
        if (values.json) {
          out.log(
            JSON.stringify(
              report.rows.map((r) => ({ ...r, key: undefined })),
              null,
              2,
            ),
          );
          return EXIT.ok;
        }
        const school = await h.db.selectFrom('school').select('full_name').executeTakeFirst();
        const file = path.resolve(values.out!);
        fs.writeFileSync(file, await resultsWorkbook(report, school?.full_name ?? ''));
        out.log(`Результаты (${report.kindName}, ${report.yearName}): ${report.rows.length} строк → ${file}`);
        return EXIT.ok;
      },
      { access: 'read' },
    );
  },
};

const control: Command = {
  usage: 'report control --db FILE --week YYYY-MM-DD --format pdf|xlsx --out FILE   еженедельный контроль ведения журнала',
  async run(args, out) {
    const { values } = parseArgs({
      args,
      options: { db: { type: 'string' }, week: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    });
    if (!values.week || !isIsoDate(values.week)) throw new UsageError('Укажите --week ГГГГ-ММ-ДД (любой день недели)');
    if (values.format !== 'pdf' && values.format !== 'xlsx') throw new UsageError('--format: pdf или xlsx');
    if (!values.out) throw new UsageError(`Укажите --out FILE.${values.format}`);
    return withDatabase(
      values.db,
      async (h) => {
        const ctx: Ctx = { db: h.db, actor: osActor(), now: () => new Date() };
        const report = await weeklyControl(ctx, { week: values.week!, classId: null });
        const school = (await h.db.selectFrom('school').select('full_name').executeTakeFirst())?.full_name ?? '';
        const file = path.resolve(values.out!);
        fs.writeFileSync(file, values.format === 'pdf' ? await weeklyPdf(report, school) : await weeklyWorkbook(report, school));
        out.log(`Еженедельный контроль (${report.from} — ${report.to}): ${report.lines.length} строк → ${file}`);
        return EXIT.ok;
      },
      { access: 'read' },
    );
  },
};

/** `report <kind>`: the administration's reports. */
export const report: Command = {
  usage: [results.usage, control.usage].join('\n'),
  async run(args, out) {
    const [sub, ...rest] = args;
    if (sub === 'results') return results.run(rest, out);
    if (sub === 'control') return control.run(rest, out);
    throw new UsageError(`report: неизвестный отчёт «${sub ?? ''}»; есть: results, control`);
  },
};
