import { parseArgs } from 'node:util';
import { isAppError } from '../../../db/errors';
import { isPostgresUrl } from '../../../db/dialect';
import { ruNumber } from '../../contract/rules/numbers';
import { EXIT, UsageError, type Command, type Out } from '../../kernel/cli-command';
import { migrateToPostgres, type MigrateToReport } from '../../kernel/migrate-to-postgres';

// `migrate-to --from F.sqlite --to postgres://…` (issue 17 part 4): moves a school's journal file into an empty
// PostgreSQL database (main/kernel/migrate-to-postgres.ts), printing its progress, the counts table by table and
// the audit chain's head on both sides.

const sec = (ms: number) => `${ruNumber(ms / 1000, 1, true)} с`;

/** The counts side by side: «Таблица | В файле | В PostgreSQL». */
export function countsTable(r: MigrateToReport): string {
  const rows = r.copy.tables.map((t) => [
    t.table,
    ruNumber(t.source),
    ruNumber(t.target),
    t.source === t.target ? 'совпадает' : 'НЕ СОВПАДАЕТ',
  ]);
  const head = ['Таблица', 'В файле', 'В PostgreSQL', ''];
  const all = [head, ...rows];
  const width = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 1 || i === 2 ? c.padStart(width[i]) : c.padEnd(width[i])))
      .join('  ')
      .trimEnd();
  return [line(head), width.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Progress: a line when a table is done, and every tenth of a large one. */
function progressPrinter(out: Out) {
  let step = 0;
  return (p: { table: string; copied: number; total: number; done: boolean }) => {
    if (p.done) {
      step = 0;
      out.log(`  ${p.table}: ${ruNumber(p.copied)}`);
    } else if (p.total >= 100_000 && p.copied >= ((step + 1) * p.total) / 10) {
      step = Math.floor((p.copied * 10) / p.total);
      out.log(`  ${p.table}: ${ruNumber(p.copied)} из ${ruNumber(p.total)}…`);
    }
  };
}

export const migrateTo: Command = {
  usage:
    'migrate-to --from FILE --to postgres://…\n' +
    '      перенести базу журнала из файла SQLite в новую пустую базу PostgreSQL: цепочка журнала аудита\n' +
    '      проверяется в файле, все таблицы копируются одной транзакцией, число строк и цепочка сверяются на\n' +
    '      сервере (файл открывается только для чтения; непустая база PostgreSQL не изменяется)',
  async run(args, out) {
    const { values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' } } });
    if (!values.from) throw new UsageError('Укажите --from FILE — файл базы журнала');
    if (!values.to || !isPostgresUrl(values.to)) throw new UsageError('Укажите --to postgres://… — строку подключения к базе PostgreSQL');
    out.log(`Перенос ${values.from} → PostgreSQL`);
    let r: MigrateToReport;
    try {
      r = await migrateToPostgres(values.from, values.to, { onStep: (s) => out.log(s), onProgress: progressPrinter(out) });
    } catch (e) {
      if (!isAppError(e)) throw e;
      if (e.code === 'AUDIT_BROKEN') {
        out.err(e.message);
        return EXIT.integrity;
      }
      if (e.code === 'DESTINATION') {
        out.err(e.message);
        return EXIT.destination;
      }
      throw e;
    }
    out.log('');
    out.log(countsTable(r));
    out.log('');
    out.log(
      `Перенесено строк: ${ruNumber(r.copy.rows)}, за ${sec(r.ms)} (копирование ${sec(r.copy.ms)}, ` +
        `${ruNumber(Math.round(r.copy.rows / Math.max(r.copy.ms / 1000, 0.001)))} строк в секунду).`,
    );
    out.log(
      `Журнал аудита: записей в файле ${ruNumber(r.source.rows)}, на сервере ${ruNumber(r.target.rows)}; цепочка цела, ` +
        `последняя запись на сервере совпадает с файлом: ${r.target.head ?? '—'}`,
    );
    return EXIT.ok;
  },
};
