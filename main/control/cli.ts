import { parseArgs } from 'node:util';
import { RESULT_COMPARISONS, RESULT_GROUPINGS, type ResultComparison, type ResultGrouping, type ResultKind } from '../contract/control';
import { EXIT, UsageError, withDatabase, type Command } from '../kernel/cli-command';
import { cliCtx, jsonOrFormat, schoolName, writeOutputFile } from '../kernel/cli-options';
import { classOption, findYear, yearOption } from '../school/class-lookup';
import { resultsReport } from './results';
import { resultsComparison } from './results-compare';
import { comparisonWorkbook, resultsWorkbook } from './results-xlsx';
import { CERTAINTY_NAMES } from '../contract/control-problems';
import { ruNumber } from '../contract/rules/numbers';
import { forecastCheck, type HitRate } from './forecast-check';
import { problemLists } from './problems';
import { problemsWorkbook } from './problems-xlsx';
import { monitoringReports } from './monitoring-cli';
import { weeklyPdf, weeklyWorkbook } from './weekly-files';
import { weeklyControl } from './weekly';
import { isIsoDate } from '../contract/rules/dates';

// `report results`: the results report for scripts and checks (issue 12, part 12), the same service as the screen.

const PERIODS: Record<string, ResultKind> = { year: 'year', '1': 'p1', '2': 'p2', '3': 'p3', '4': 'p4' };

const results: Command = {
  usage: [
    'report results --db FILE --year 2025/2026 --period year|1|2|3|4 --by student|class|grade|subject|teacher|school',
    '      [--compare periods|years] (--json | --format xlsx|pdf --out FILE)',
    '      успеваемость и качество (формулы — в отчёте); --compare: по периодам года или по годам (вид отметок — --period)',
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
        compare: { type: 'string' },
      },
    });
    if (!values.year) throw new UsageError('Укажите --year, например 2025/2026');
    const kind = PERIODS[values.period ?? ''];
    if (!kind) throw new UsageError('--period: year, 1, 2, 3 или 4');
    if (!(RESULT_GROUPINGS as readonly string[]).includes(values.by ?? ''))
      throw new UsageError(`--by: одно из ${RESULT_GROUPINGS.join(', ')}`);
    const format = jsonOrFormat(values, ['xlsx', 'pdf'] as const);
    if (values.compare !== undefined && !(RESULT_COMPARISONS as readonly string[]).includes(values.compare))
      throw new UsageError('--compare: periods (периоды года) или years (по годам)');
    const compare = (values.compare ?? null) as ResultComparison | null;
    return withDatabase(
      values.db,
      async (h) => {
        const ctx = cliCtx(h.db);
        const yearId = (await yearOption(h.db, values.year)).id;
        const by = values.by as ResultGrouping;
        if (format === 'pdf') {
          const { printResults } = await import('./results-pdf');
          const p = await printResults(ctx, { yearId, kind, by, classId: null, compare });
          const file = writeOutputFile(values.out!, p.buffer);
          out.log(`Результаты${compare ? ' (сравнение)' : ''}: ${p.pages} стр. → ${file}`);
          return EXIT.ok;
        }
        if (compare) {
          const c = await resultsComparison(ctx, { yearId, compare, kind, by, classId: null });
          if (!format) {
            out.log(JSON.stringify({ columns: c.columns.map((x) => x.label), rows: [...c.rows, c.total] }, null, 2));
            return EXIT.ok;
          }
          const file = writeOutputFile(values.out!, await comparisonWorkbook(c, await schoolName(h.db)));
          out.log(`Сравнение результатов (${c.title}): ${c.rows.length} строк, ${c.columns.length} столбцов → ${file}`);
          return EXIT.ok;
        }
        const report = await resultsReport(ctx, { yearId, kind, by, classId: null });
        if (!format) {
          out.log(
            JSON.stringify(
              report.rows.map((r) => ({ ...r, key: undefined })),
              null,
              2,
            ),
          );
          return EXIT.ok;
        }
        const file = writeOutputFile(values.out!, await resultsWorkbook(report, await schoolName(h.db)));
        out.log(`Результаты (${report.kindName}, ${report.yearName}): ${report.rows.length} строк → ${file}`);
        return EXIT.ok;
      },
      { access: 'read' },
    );
  },
};

const periodOf = (v: string | undefined): number | null => {
  if (v === undefined) return null;
  if (!/^[1-4]$/.test(v)) throw new UsageError('--period: 1, 2, 3 или 4 (без него — текущий период)');
  return Number(v);
};

const problems: Command = {
  usage: [
    'report problems --db FILE --year 2026/2027 [--class 5А] [--period 1..4] (--json | --format xlsx --out FILE)',
    '      проблемные списки: неудовлетворительные отметки и пропуски с темами, риск «2» и «н/а»',
  ].join('\n'),
  async run(args, out) {
    const { values } = parseArgs({
      args,
      options: {
        db: { type: 'string' },
        year: { type: 'string' },
        class: { type: 'string' },
        period: { type: 'string' },
        json: { type: 'boolean' },
        format: { type: 'string' },
        out: { type: 'string' },
      },
    });
    const format = jsonOrFormat(values, ['xlsx'] as const);
    const period = periodOf(values.period);
    return withDatabase(
      values.db,
      async (h) => {
        const year = await yearOption(h.db, values.year);
        const yearId = year.id;
        const classId = await classOption(h.db, year, values.class);
        const lists = await problemLists(cliCtx(h.db), { yearId, classId, period });
        if (!format) {
          out.log(JSON.stringify(lists, null, 2));
          return EXIT.ok;
        }
        const file = writeOutputFile(values.out!, await problemsWorkbook(lists, await schoolName(h.db)));
        out.log(
          `Проблемные списки (${lists.periodName}, ${lists.yearName}): ${lists.unsatisfactory.length} неудовлетворительных отметок, ${lists.missed.length} пропусков, ${lists.risks.length} в зоне риска → ${file}`,
        );
        return EXIT.ok;
      },
      { access: 'read' },
    );
  },
};

const forecastChecking: Command = {
  usage: [
    'report forecast-check --db FILE [--year 2025/2026] [--days 14] [--json]',
    '      точность прогноза отметок за период: прогноз за --days дней до конца периода против выставленной отметки',
    '      (все закрытые годы, если год не указан)',
  ].join('\n'),
  async run(args, out) {
    const { values } = parseArgs({
      args,
      options: { db: { type: 'string' }, year: { type: 'string' }, days: { type: 'string' }, json: { type: 'boolean' } },
    });
    const days = values.days === undefined ? 14 : Number(values.days);
    if (!Number.isInteger(days) || days < 0 || days > 60) throw new UsageError('--days: целое число от 0 до 60');
    return withDatabase(
      values.db,
      async (h) => {
        const r = await forecastCheck(cliCtx(h.db), {
          yearName: values.year ? (await findYear(h.db, values.year)).name : null,
          daysBefore: days,
        });
        if (values.json) {
          out.log(JSON.stringify(r, null, 2));
          return EXIT.ok;
        }
        const pct = (x: HitRate) => (x.rate === null ? '—' : `${ruNumber(x.rate, 1, true)} % (${ruNumber(x.hits)} из ${ruNumber(x.n)})`);
        out.log(`Прогноз за ${days} дн. до конца периода, ${r.years.join(', ') || 'нет закрытых лет'}:`);
        out.log(`  совпал с отметкой за период: ${pct(r.total)}`);
        for (const c of ['high', 'medium', 'low'] as const) out.log(`  надёжность ${CERTAINTY_NAMES[c]}: ${pct(r.byCertainty[c])}`);
        out.log(`  без прогноза (нет отметок до даты прогноза): ${ruNumber(r.withoutForecast)}`);
        out.log(`  отметка за период равна округлённому среднему всех отметок периода: ${pct(r.suggestedAtEnd)}`);
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
        const report = await weeklyControl(cliCtx(h.db), { week: values.week!, classId: null });
        const school = await schoolName(h.db);
        const file = writeOutputFile(
          values.out!,
          values.format === 'pdf' ? await weeklyPdf(report, school) : await weeklyWorkbook(report, school),
        );
        out.log(`Еженедельный контроль (${report.from} — ${report.to}): ${report.lines.length} строк → ${file}`);
        return EXIT.ok;
      },
      { access: 'read' },
    );
  },
};

const REPORTS: Record<string, Command> = { results, control, problems, 'forecast-check': forecastChecking, ...monitoringReports };

/** `report <kind>`: the administration's reports. */
export const report: Command = {
  usage: Object.values(REPORTS)
    .map((r) => r.usage)
    .join('\n'),
  async run(args, out) {
    const [sub, ...rest] = args;
    const r = REPORTS[sub ?? ''];
    if (!r) throw new UsageError(`report: неизвестный отчёт «${sub ?? ''}»; есть: ${Object.keys(REPORTS).join(', ')}`);
    return r.run(rest, out);
  },
};
