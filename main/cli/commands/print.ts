import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildClassList, buildJournal } from '../../documents/journal';
import { findClass } from '../../documents/journal/data';
import type { JournalProviders } from '../../documents/journal/model';
import type { PagedDocument } from '../../documents/layout/document';
import type { Sided } from '../../documents/layout/page';
import { FORMATS, renderDocument, type Format } from '../../documents/render';
import { todayIso } from '../../lib/dates';
import { getSetting } from '../../services/settings';
import { EXIT, osActor, UsageError, withDatabase, type Command } from '../command';

// `print journal|class-list`: lay a document out and write it in one format. The journal module registers its
// providers (subject pages, final marks, attendance) with `setJournalProviders`; until then the journal has the pages
// that need no marks.

let providers: JournalProviders | undefined;
export function setJournalProviders(p: JournalProviders): void {
  providers = p;
}

const DOCUMENTS = ['journal', 'class-list'] as const;
type DocumentKind = (typeof DOCUMENTS)[number];

function formatOf(value: string | undefined, out: string): Format {
  const f = (value ?? path.extname(out).slice(1)).toLowerCase();
  if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format: одно из ${FORMATS.join(', ')}`);
  return f as Format;
}

export const print: Command = {
  usage:
    'print journal|class-list --db FILE --year 2025/2026 --class 5А --format pdf|docx|xlsx|html --out FILE [--sided single|double] [--date ГГГГ-ММ-ДД]\n      напечатать классный журнал или список класса в файл',
  async run(args, out) {
    const [kind, ...rest] = args;
    if (!(DOCUMENTS as readonly string[]).includes(kind ?? '')) throw new UsageError(`Команда print: ${DOCUMENTS.join(' | ')}`);
    const { values } = parseArgs({
      args: rest,
      options: {
        db: { type: 'string' },
        year: { type: 'string' },
        class: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        sided: { type: 'string' },
        date: { type: 'string' },
      },
    });
    if (!values.year) throw new UsageError('Укажите --year, например 2025/2026');
    if (!values.class) throw new UsageError('Укажите --class, например 5А');
    if (!values.out) throw new UsageError('Укажите --out FILE');
    if (values.sided && values.sided !== 'single' && values.sided !== 'double') throw new UsageError('--sided: single (на одной стороне листа) или double (с двух сторон)');
    if (values.date && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError('--date: ГГГГ-ММ-ДД');
    const format = formatOf(values.format, values.out);
    const file = path.resolve(values.out);
    return withDatabase(values.db, async (h) => {
      const ctx = { db: h.db, actor: osActor(), now: () => new Date() };
      const sided = (values.sided as Sided | undefined) ?? (await getSetting(h.db, 'print.sided'));
      const { cls } = await findClass(ctx, values.year!, values.class!);
      const started = Date.now();
      let doc: PagedDocument;
      if ((kind as DocumentKind) === 'journal') doc = await buildJournal(ctx, { classId: cls.id, sided, providers });
      else doc = await buildClassList(ctx, { classId: cls.id, date: values.date ?? todayIso(ctx.now()), sided });
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await renderDocument(doc, format, file);
      out.log(`${doc.title}: ${doc.total} стр. (${doc.leaves} л.), ${format.toUpperCase()} → ${file} за ${((Date.now() - started) / 1000).toFixed(1)} с`);
      return EXIT.ok;
    });
  },
};
