import path from 'node:path';
import { parseArgs } from 'node:util';
import { CLASS_DOCUMENTS, FORMATS, SCHOOL_SET, type ClassDocument, type Format } from '../contract/rules/documents';
import type { Sided } from './layout/page';
import type { SchoolJobEvent } from './school/job';
import { printIsRecorded } from './recorder';
import { cancelSchoolJob, schoolJobDone, startSchoolJob, writeDocument } from './service';
import type { Ctx } from '../kernel/context';
import { EXIT, UsageError, withDatabase, type Command } from '../kernel/cli-command';
import { cliCtx } from '../kernel/cli-options';
import { classList, findClass, findClasses, findYear } from '../school/class-lookup';

// `print <document>`: lay one document out and write it in one format; `print school`: every class of a year and
// every document into a folder, in the print worker, with progress on stderr. Both call the print screen's services
// (service.ts); this file parses the arguments, finds the year and classes by name and reports.

const SINGLE = [...CLASS_DOCUMENTS, 'book'] as const;

/**
 * Documents other capabilities print (`print extract` of main/parents), registered by main/capabilities.ts: printing
 * may not import the capabilities that build on it, so they come to `print` rather than `print` going to them.
 */
const subcommands = new Map<string, Command>();

export function registerPrintSubcommands(commands: Record<string, Command>): void {
  for (const [name, c] of Object.entries(commands)) {
    if (name === 'school' || (SINGLE as readonly string[]).includes(name) || subcommands.has(name))
      throw new Error(`print ${name}: уже есть`);
    subcommands.set(name, c);
  }
}

function formatOf(value: string | undefined, out: string): Format {
  const f = (value ?? path.extname(out).slice(1)).toLowerCase();
  if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format: одно из ${FORMATS.join(', ')}`);
  return f as Format;
}

function sidedOf(v: string | undefined): Sided | undefined {
  if (v && v !== 'single' && v !== 'double') throw new UsageError('--sided: single (на одной стороне листа) или double (с двух сторон)');
  return v as Sided | undefined;
}

function periodOf(v: string | undefined): 'year' | number | undefined {
  if (v === undefined) return undefined;
  if (v === 'year') return 'year';
  if (/^[1-9]$/.test(v)) return Number(v);
  throw new UsageError('--period: номер периода (1, 2, …) или year');
}

/** A subject by its name or short name, in any letter case («математика», «Матем.»). */
async function subjectByName(ctx: Ctx, name: string): Promise<number> {
  const rows = await ctx.db.selectFrom('subject').select(['id', 'name', 'short_name']).orderBy('id').execute();
  const want = name.trim().toLocaleLowerCase('ru');
  const hit = rows.find((r) => r.name.toLocaleLowerCase('ru') === want) ?? rows.find((r) => r.short_name.toLocaleLowerCase('ru') === want);
  if (!hit) throw new UsageError(`--subject: предмета «${name}» нет в школе; есть: ${rows.map((r) => r.name).join(', ')}`);
  return hit.id;
}

const OPTIONS = {
  db: { type: 'string' },
  year: { type: 'string' },
  class: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  sided: { type: 'string' },
  date: { type: 'string' },
  period: { type: 'string' },
  subject: { type: 'string' },
  replace: { type: 'boolean' },
  documents: { type: 'string' },
  'no-book': { type: 'boolean' },
} as const;

const OWN_USAGE = [
  'print journal|ledger|attendance-months|marks-ledger|attendance-ledger|class-list --db FILE --year 2025/2026 --class 5А --format pdf|docx|xlsx|html --out FILE',
  '      [--sided single|double] [--date ГГГГ-ММ-ДД] [--period N|year] [--subject ПРЕДМЕТ] [--replace]',
  '      напечатать документ класса: журнал, сводную ведомость успеваемости, отчёты классного руководителя, список;',
  '      журнал: --period 1|2|3|4|year — копия за четверть (полугодие) или год, --subject — страницы одного предмета;',
  '      --date только для списка класса, --period для журнала и marks-ledger: другой документ такой параметр не принимает',
  '    print book --db FILE --year 2025/2026 --out FILE   книга сводных ведомостей всех классов',
  '    print school --db FILE --year 2025/2026 --out DIR [--format pdf[,docx,xlsx]] [--class 5А,5Б] [--documents journal,ledger,…] [--no-book]',
  '      все классы × все документы в папку DIR/2025-2026/<класс>/; ход печати — в stderr. Существующие файлы не заменяются: пишется «… (2).pdf»',
];

export const print: Command = {
  get usage() {
    return [...OWN_USAGE, ...[...subcommands.values()].map((c) => `    ${c.usage}`)].join('\n');
  },
  async run(args, out) {
    const [kind, ...rest] = args;
    if (kind === 'school') return printSchool(rest, out);
    const sub = subcommands.get(kind ?? '');
    if (sub) return sub.run(rest, out);
    if (!(SINGLE as readonly string[]).includes(kind ?? ''))
      throw new UsageError(`Команда print: ${[...SINGLE, 'school', ...subcommands.keys()].join(' | ')}`);
    const { values } = parseArgs({ args: rest, options: OPTIONS });
    if (!values.year) throw new UsageError('Укажите --year, например 2025/2026');
    if (kind !== 'book' && !values.class) throw new UsageError('Укажите --class, например 5А');
    if (!values.out) throw new UsageError('Укажите --out FILE');
    if (values.date && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError('--date: ГГГГ-ММ-ДД');
    const format = formatOf(values.format, values.out);
    const period = periodOf(values.period);
    const sided = sidedOf(values.sided);
    const file = path.resolve(values.out);
    return withDatabase(
      values.db,
      async (h) => {
        const ctx = cliCtx(h.db);
        const started = Date.now();
        let at: { yearId?: number; classId?: number };
        const year = await findYear(h.db, values.year!);
        if (kind === 'book') at = { yearId: year.id };
        else at = { classId: (await findClass(h.db, year, values.class!)).id };
        const kindOf = kind as ClassDocument | 'book';
        const subjectId = values.subject === undefined ? undefined : await subjectByName(ctx, values.subject);
        const spec = { kind: kindOf, ...at, sided, date: values.date, period, subjectId, format };
        const w = await writeDocument(ctx, spec, file, !!values.replace);
        out.log(
          `${w.title}: ${w.pages} стр. (${w.leaves} л.), ${format.toUpperCase()} → ${w.file} за ${((Date.now() - started) / 1000).toFixed(1)} с`,
        );
        return EXIT.ok;
      },
      // a journal or ledger goes on the archive's register (recorder.ts): that is a write
      { access: printIsRecorded(kind!) ? 'write' : 'read' },
    );
  },
};

async function printSchool(args: string[], out: Parameters<Command['run']>[1]): Promise<number> {
  const { values } = parseArgs({ args, options: OPTIONS });
  for (const o of ['period', 'subject', 'date', 'replace'] as const)
    if (values[o] !== undefined) throw new UsageError(`print school не принимает --${o}: он печатает документы за год целиком`);
  if (!values.year) throw new UsageError('Укажите --year, например 2025/2026');
  if (!values.out) throw new UsageError('Укажите --out DIR (папку для файлов)');
  const formats = (values.format ?? 'pdf').split(',').map((f) => formatOf(f.trim(), ''));
  const kinds = values.documents ? values.documents.split(',').map((k) => k.trim()) : SCHOOL_SET;
  for (const k of kinds)
    if (!(CLASS_DOCUMENTS as readonly string[]).includes(k)) throw new UsageError(`--documents: ${CLASS_DOCUMENTS.join(', ')}`);
  const sided = sidedOf(values.sided);
  const dbFile = values.db;
  const outDir = path.resolve(values.out);
  return withDatabase(
    dbFile,
    async (h) => {
      const ctx = cliCtx(h.db);
      const year = await findYear(h.db, values.year!);
      const classIds = values.class ? [...new Set((await findClasses(h.db, year, classList(values.class))).map((c) => c.id))] : undefined;
      const onEvent = (e: SchoolJobEvent) => {
        if (e.type === 'start') out.err(`Печать ${year.name}: классов ${e.classes}, документов ${e.total} → ${e.folder}`);
        else if (e.type === 'progress') out.err(`[${e.done}/${e.total}] ${e.current}`);
        else if (e.type === 'failed') out.err(`ОШИБКА ${e.item.className ?? 'школа'}: ${e.item.kind}: ${e.item.message}`);
      };
      const { jobId } = await startSchoolJob(
        ctx,
        dbFile!,
        { yearId: year.id, outDir, formats, kinds: kinds as ClassDocument[], classIds, book: !values['no-book'] && !classIds, sided },
        { onEvent },
      );
      const stop = () => {
        out.err('Остановка по запросу: текущий файл дописывается…');
        cancelSchoolJob(ctx, jobId);
      };
      process.once('SIGINT', stop);
      try {
        const s = await schoolJobDone(jobId);
        const pages = s.written.reduce((a, w) => a + w.pages, 0);
        out.log(
          `${s.cancelled ? 'Остановлено' : 'Готово'}: файлов ${s.written.length} (${pages} стр.), ошибок ${s.failed.length}, за ${(s.ms / 1000).toFixed(1)} с → ${s.outDir}`,
        );
        for (const f of s.failed) out.log(`  не напечатано: ${f.className ?? 'книга школы'} — ${f.kind}: ${f.message}`);
        const renamed = s.written.filter((w) => / \(\d+\)\.\w+$/.test(w.file));
        if (renamed.length) out.log(`  файлы уже были, новые записаны рядом: ${renamed.map((w) => w.name).join(', ')}`);
        return s.failed.length || s.cancelled ? EXIT.failed : EXIT.ok;
      } finally {
        process.removeListener('SIGINT', stop);
      }
    },
    { access: kinds.some(printIsRecorded) || (!values['no-book'] && !values.class && printIsRecorded('book')) ? 'write' : 'read' },
  );
}
