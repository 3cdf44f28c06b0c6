import { parseArgs } from 'node:util';
import { isAppError } from '../../db/index';
import { EXIT, UsageError, withDatabase, type Command } from '../kernel/cli-command';
import { cliCtx } from '../kernel/cli-options';
import { findYear } from '../school/class-lookup';
import { countOf } from '../contract/rules/plural';
import type { YearChecklist } from '../contract/year-close';
import { yearChecklist } from './year-checklist';
import { closeYear, failuresMessage, reopenYear } from './year-close';

// `year check|close|reopen`: the year's checklist, closing it (exit 1 with the checklist's failures in Russian) and
// reopening it with a reason. The CLI acts with the rights of whoever can open the file (kernel/cli-command.ts).

function printExceptions(c: YearChecklist, out: { log(s: string): void }) {
  if (!c.exceptions.length) return;
  out.log(`Исключения (${countOf(c.exceptions.length, ['отсрочка', 'отсрочки', 'отсрочек'])}):`);
  for (const e of c.exceptions)
    out.log(`  • ${e.message} — ${e.deferral?.stateName ?? ''}${e.deferral ? `, причина: ${e.deferral.reason}` : ''}`);
}

export const year: Command = {
  usage:
    'year check|close|reopen --db FILE --year 2025/2026 [--reason «…»] [--json]\n' +
    '      проверка учебного года перед закрытием; закрыть год (только чтение для всех; код 1 и список недочётов,\n' +
    '      если проверка не пройдена); открыть закрытый год заново с указанием причины (--reason)',
  async run(args, out) {
    const [sub, ...rest] = args;
    if (!['check', 'close', 'reopen'].includes(sub)) throw new UsageError('Команда year: check, close или reopen');
    const { values } = parseArgs({
      args: rest,
      options: { db: { type: 'string' }, year: { type: 'string' }, reason: { type: 'string' }, json: { type: 'boolean' } },
    });
    if (!values.year) throw new UsageError('Укажите --year, например --year 2025/2026');
    if (sub === 'reopen' && !values.reason?.trim()) throw new UsageError('Укажите причину: --reason «…»');
    return withDatabase(
      values.db,
      async (h) => {
        const ctx = cliCtx(h.db);
        const y = await findYear(h.db, values.year!);
        if (sub === 'check') {
          const c = await yearChecklist(ctx, y.id);
          if (values.json) out.log(JSON.stringify(c));
          else {
            out.log(
              `${c.year.name}: ${c.year.closed ? 'год закрыт' : 'год не закрыт'}; проверено классов ${c.checked.classes}, отметок ${c.checked.marks}, решений совета ${c.checked.decisions}.`,
            );
            if (c.failures.length) out.log(failuresMessage(c));
            else out.log('Недочётов нет.');
            printExceptions(c, out);
          }
          return c.failures.length ? EXIT.failed : EXIT.ok;
        }
        if (sub === 'close') {
          try {
            const c = await closeYear(ctx, y.id);
            if (values.json) out.log(JSON.stringify(c));
            else {
              out.log(`Учебный год ${c.year.name} закрыт: его записи теперь только для чтения.`);
              printExceptions(c, out);
            }
            return EXIT.ok;
          } catch (e) {
            if (!isAppError(e) || !(e.details as { failures?: unknown } | undefined)?.failures) throw e;
            // every failure, not only the first twenty of the message
            const c = await yearChecklist(ctx, y.id);
            if (values.json) out.log(JSON.stringify(c));
            else {
              out.err(
                `Учебный год ${c.year.name} нельзя закрыть: ${countOf(c.failures.length, ['недочёт', 'недочёта', 'недочётов'])} в проверке.`,
              );
              for (const f of c.failures) out.err(`  • ${f.message}`);
            }
            return EXIT.failed;
          }
        }
        const c = await reopenYear(ctx, y.id, values.reason!);
        if (values.json) out.log(JSON.stringify(c));
        else out.log(`Учебный год ${c.year.name} открыт заново; причина записана в журнал аудита.`);
        return EXIT.ok;
      },
      { access: sub === 'check' ? 'read' : 'write' },
    );
  },
};
