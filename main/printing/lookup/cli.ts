import path from 'node:path';
import { parseArgs } from 'node:util';
import { isIsoDate, ru } from '../../contract/rules/dates';
import { countOf } from '../../contract/rules/plural';
import type { LookupStudent } from '../../contract/lookup';
import { EXIT, UsageError, withDatabase, type Command } from '../../kernel/cli-command';
import { cliCtx } from '../../kernel/cli-options';
import { classOf, studentName } from './extract';
import { lookupStudents } from './search';
import { writeLedgerExtract } from './service';

// `lookup`: the 25-year look-up from the command line, the same service as the screen. With --out, the certified
// extract of the one student found is written as PDF/A (and recorded in the audit log).

function describe(s: LookupStudent): string[] {
  const lines = [`${studentName(s)}, ${ru(s.birthDate)}, личное дело ${s.personalFileNo || '—'} (id ${s.id})`];
  if (!s.years.length) lines.push('  в ведомостях закрытых лет не значится');
  for (const y of s.years) {
    const marks = y.subjects.map((sub) => {
      const m = sub.marks.final ?? sub.marks.year ?? '';
      return `${sub.short} ${m || '—'}`;
    });
    lines.push(`  ${y.yearName} ${classOf(y)}: ${marks.join(', ') || 'итоговых отметок нет'}`);
  }
  return lines;
}

export const lookup: Command = {
  usage: [
    'lookup --db FILE --name "Фамилия Имя" [--birth ГГГГ-ММ-ДД] [--file НОМЕР] [--json] [--out ВЫПИСКА.pdf [--replace]]',
    '      итоговые отметки бывшего ученика за все закрытые годы, как в сводных ведомостях (поиск по части ФИО без учёта',
    '      регистра и «ё», по дате рождения, по номеру личного дела); --out: заверяемая выписка из ведомостей (PDF/A),',
    '      если найден ровно один ученик',
  ].join('\n'),
  async run(args, out) {
    const { values } = parseArgs({
      args,
      options: {
        db: { type: 'string' },
        name: { type: 'string' },
        birth: { type: 'string' },
        file: { type: 'string' },
        json: { type: 'boolean' },
        out: { type: 'string' },
        replace: { type: 'boolean' },
      },
    });
    if (!values.name && !values.birth && !values.file) throw new UsageError('Укажите --name, --birth или --file');
    if (values.birth && !isIsoDate(values.birth)) throw new UsageError('--birth: дата в формате ГГГГ-ММ-ДД');
    if (values.name && values.name.replace(/\s/g, '').length < 2) throw new UsageError('--name: хотя бы две буквы');
    return withDatabase(
      values.db,
      async (h) => {
        const ctx = cliCtx(h.db);
        const r = await lookupStudents(ctx, { name: values.name, birthDate: values.birth, fileNo: values.file });
        if (values.out) {
          if (r.students.length !== 1)
            throw new UsageError(
              r.students.length
                ? `Найдено ${countOf(r.students.length, ['ученик', 'ученика', 'учеников'])}${r.more ? ' и больше' : ''}: уточните запрос (--birth, --file), чтобы выписка была одного ученика`
                : 'Никого не найдено: выписывать нечего',
            );
          const w = await writeLedgerExtract(ctx, r.students[0].id, path.resolve(values.out), values.replace ? 'replace' : 'refuse');
          if (values.json) out.log(JSON.stringify({ ...r, extract: w }, null, 2));
          else out.log(`Выписка записана: ${w.file} (${countOf(w.pages, ['страница', 'страницы', 'страниц'])}, лет: ${w.years})`);
          return EXIT.ok;
        }
        if (values.json) out.log(JSON.stringify(r, null, 2));
        else {
          if (!r.students.length) out.log('Никого не найдено.');
          for (const s of r.students) for (const line of describe(s)) out.log(line);
          if (r.more) out.log('Найдено больше учеников, чем показано: уточните запрос.');
          out.log(`Поиск: ${String(r.ms).replace('.', ',')} мс`);
        }
        return EXIT.ok;
      },
      { access: values.out ? 'write' : 'read' },
    );
  },
};
