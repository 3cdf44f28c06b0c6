import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../db/index';
import { importJournal } from './import-journal-cli';
import { IMPORT_KINDS, type ImportKind } from '../contract/exchange';
import { ruNumber } from '../contract/rules/numbers';
import { EXIT, osActor, UsageError, withDatabase, type Command, type Out } from '../kernel/cli-command';
import type { Ctx } from '../kernel/context';
import { importFile, importTemplate } from './import';
import { readSheet, MAX_FILE_BYTES } from './read';
import { ROSTER_COLUMNS } from './roster-tables';

// `import students|staff|subjects|classes --db F --file roster.xlsx [--mapping M.json] [--dry-run]` and
// `import template KIND --out F.xlsx` (issue 16, part 5): the same services as the «Импорт» screen.

const USAGE = [
  'import students|staff|subjects|classes --db FILE --file СПИСОК.xlsx|.csv [--mapping M.json] [--dry-run]',
  '      загрузка списка: всё или ничего; --dry-run — только проверка; M.json: {"поле": "Заголовок столбца", …}',
  '    import template students|staff|subjects|classes --out ШАБЛОН.xlsx   шаблон с заголовком и строкой-образцом',
].join('\n');

function kindOf(s: string | undefined): ImportKind {
  if (!(IMPORT_KINDS as readonly string[]).includes(s ?? ''))
    throw new UsageError(`import: укажите, что загружать: ${IMPORT_KINDS.join(', ')}`);
  return s as ImportKind;
}

/** --mapping: field key → the column's title (or its number from 1); fields not named are recognised by title. */
async function mappingFrom(file: string, kind: ImportKind, name: string, buf: Buffer): Promise<Record<string, number | null>> {
  let json: Record<string, string | number | null>;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string | number | null>;
  } catch (e) {
    throw new UsageError(`--mapping: не читается как JSON (${(e as Error).message})`);
  }
  const sheet = await readSheet(name, buf);
  const out: Record<string, number | null> = {};
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const c of ROSTER_COLUMNS[kind]) {
    const v = json[c.key];
    if (v === undefined) {
      const i = sheet.header.findIndex((h) => norm(h) === norm(c.title));
      out[c.key] = i >= 0 ? i : null;
    } else if (v === null || v === '') out[c.key] = null;
    else if (typeof v === 'number') out[c.key] = v - 1;
    else {
      const i = sheet.header.findIndex((h) => norm(h) === norm(v));
      if (i < 0) throw new UsageError(`--mapping: в файле нет столбца «${v}» (поле ${c.key})`);
      out[c.key] = i;
    }
  }
  for (const k of Object.keys(json))
    if (!ROSTER_COLUMNS[kind].some((c) => c.key === k)) throw new UsageError(`--mapping: неизвестное поле «${k}»`);
  return out;
}

async function runImportCommand(kind: ImportKind, args: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, file: { type: 'string' }, mapping: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  });
  if (!values.file) throw new UsageError('Укажите --file СПИСОК.xlsx или .csv');
  const file = path.resolve(values.file);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `Файл не найден: ${values.file}`);
  if (fs.statSync(file).size > MAX_FILE_BYTES)
    throw new AppError('INVALID', `Файл больше ${ruNumber(MAX_FILE_BYTES / 1024 / 1024)} МБ: это не список, проверьте файл`);
  const buf = fs.readFileSync(file);
  const name = path.basename(file);
  const mapping = values.mapping ? await mappingFrom(values.mapping, kind, name, buf) : undefined;
  return withDatabase(values.db, async (h) => {
    const ctx: Ctx = { db: h.db, actor: osActor(), now: () => new Date() };
    const { preview, result } = await importFile(ctx, kind, name, buf, mapping, { dryRun: values['dry-run'] });
    for (const r of preview.rows) for (const w of r.warnings) out.log(`Строка ${r.row}: внимание: ${w}`);
    if (!result) {
      out.log(
        `Проверка пройдена: ${ruNumber(preview.counts.create)} новых, ${ruNumber(preview.counts.update)} обновлений; ничего не сохранено (--dry-run)`,
      );
      return EXIT.ok;
    }
    out.log(result.summary);
    return EXIT.ok;
  });
}

export const importCommand: Command = {
  usage: [USAGE, `    ${importJournal.usage}`].join('\n'),
  async run(args, out) {
    const [sub, ...rest] = args;
    if (sub === 'journal') return importJournal.run(rest, out);
    if (sub === 'template') {
      const kind = kindOf(rest[0]);
      const { values } = parseArgs({ args: rest.slice(1), options: { out: { type: 'string' } } });
      if (!values.out) throw new UsageError('Укажите --out ШАБЛОН.xlsx');
      fs.writeFileSync(path.resolve(values.out), await importTemplate(kind));
      out.log(`Шаблон → ${path.resolve(values.out)}`);
      return EXIT.ok;
    }
    return runImportCommand(kindOf(sub), rest, out);
  },
};
