import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../db/index';
import type { OtherJournalPreview } from '../contract/exports';
import { EXIT, osActor, UsageError, withDatabase, type Command, type Out } from '../kernel/cli-command';
import type { Ctx } from '../kernel/context';
import { applyOtherJournal, previewOtherJournal, problemLines } from './other-journal';
import { findClass, findClassInLatestYear, findYear } from '../school/class-lookup';

// `import journal`: marks, absences and topics of one class from another journal's XLSX export. `--dry-run` prints
// the preview and saves nothing; without it the file is saved whole or not at all (exit 1 with the reasons).

function printPreview(p: OtherJournalPreview, out: Out) {
  out.log(`Класс ${p.className}: клеток ${p.cells} (отметок ${p.marks}, пропусков ${p.absences}), тем ${p.topics}`);
  for (const s of p.sheets)
    out.log(`  ${s.sheet}: учеников ${s.students}, дат ${s.dates}, отметок ${s.marks}, пропусков ${s.absences}, тем ${s.topics}`);
  const list = (title: string, xs: { sheet: string; place: string; text: string; reason: string }[]) => {
    if (!xs.length) return;
    out.log(`${title}: ${xs.length}`);
    for (const x of xs.slice(0, 20)) out.log(`  ${x.sheet}, ${x.place}: «${x.text}» — ${x.reason}`);
  };
  list('Листы без предмета', p.unmatchedSheets);
  list('Не найдены в классе', p.unmatchedStudents);
  list('Даты без урока', p.unmatchedDates);
  list('Неверные клетки', p.invalidCells);
  for (const r of p.refusals.slice(0, 20)) out.log(`Журнал не принимает: ${r}`);
}

export const importJournal: Command = {
  usage: 'import journal --db FILE --class 5А --file F.xlsx [--year 2025/2026] [--dry-run]   отметки, пропуски и темы из другого журнала',
  async run(args, out) {
    const { values } = parseArgs({
      args,
      options: {
        db: { type: 'string' },
        class: { type: 'string' },
        file: { type: 'string' },
        year: { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
    });
    if (!values.class) throw new UsageError('Укажите --class, например 5А');
    if (!values.file) throw new UsageError('Укажите --file F.xlsx');
    const file = path.resolve(values.file);
    if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `Файл не найден: ${values.file}`);
    return withDatabase(values.db, async (h) => {
      const ctx: Ctx = { db: h.db, actor: osActor(), now: () => new Date() };
      const cls = values.year
        ? await findClass(h.db, await findYear(h.db, values.year), values.class!)
        : await findClassInLatestYear(h.db, values.class!);
      const input = { classId: cls.id, file: { name: path.basename(file), base64: fs.readFileSync(file).toString('base64') } };
      if (values['dry-run']) {
        const p = await previewOtherJournal(ctx, input);
        printPreview(p, out);
        out.log(p.ready ? 'Проверка пройдена; ничего не сохранено (--dry-run).' : `Импорт невозможен: ${problemLines(p).join('; ')}`);
        return p.ready ? EXIT.ok : EXIT.failed;
      }
      const r = await applyOtherJournal(ctx, input);
      printPreview(r, out);
      out.log(`Сохранено записей: ${r.saved}.`);
      return EXIT.ok;
    });
  },
};
