import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '../../db/index';
import { isPostgresUrl } from '../../db/dialect';
import { EXIT, UsageError, withDatabase, type Command, type Out } from '../kernel/cli-command';
import { cliCtx } from '../kernel/cli-options';
import { yearOption } from '../school/class-lookup';
import { ru } from '../contract/rules/dates';
import { countOf } from '../contract/rules/plural';
import type { ArchiveRow } from '../contract/archive';
import { recheckPackages } from './checks';
import { describeReport, verifyPackage } from './manifest';
import { buildPackage } from './package';
import { listRegister, yearBoard } from './register';

// `archive register`, `archive board`, `archive package`, `archive verify DIR` and `archive check`: the same services as
// the archive screen. verify and check exit 3 when a file changed, is missing or is extra.

async function yearId(db: Db, name: string | undefined): Promise<number> {
  return (await yearOption(db, name)).id;
}

const STATE: Record<ArchiveRow['state'], string> = {
  printed: 'напечатан',
  laced: 'прошит',
  signed: 'подписан',
  sealed: 'скреплён печатью',
  destroyed: 'уничтожен',
};

function registerLine(r: ArchiveRow): string {
  const line = [
    r.yearName,
    r.title,
    `${r.format.toUpperCase()}, ${countOf(r.pages, ['стр.', 'стр.', 'стр.'])}`,
    `напечатан ${ru(r.printedAt.slice(0, 10))} (${r.printedBy})`,
    r.destroyedOn ? `уничтожен ${ru(r.destroyedOn)} по акту № ${r.actNumber}` : r.state === 'printed' ? 'не заверен' : STATE[r.state],
    r.storagePlace ? `хранится: ${r.storagePlace}` : 'место хранения не указано',
    `хранить до ${ru(r.retainUntil)}${r.expired && !r.destroyedOn ? ' (срок истёк)' : ''}`,
    `SHA-256 ${r.sha256}`,
  ].join(' · ');
  return `${r.id}. ${line}`;
}

function report(out: Out, r: Awaited<ReturnType<typeof verifyPackage>>, json: boolean): number {
  if (json) out.log(JSON.stringify(r, null, 2));
  else if (r.ok) out.log(`Пакет ${r.folder}: все ${countOf(r.checked, ['файл', 'файла', 'файлов'])} совпадают с манифестом.`);
  else {
    out.log(`Пакет ${r.folder}: НЕ совпадает с манифестом.`);
    for (const line of describeReport(r)) out.log(`  ${line}`);
  }
  return r.ok ? EXIT.ok : EXIT.integrity;
}

const USAGE = [
  'archive register --db FILE [--year 2025/2026] [--json]   реестр напечатанных журналов и ведомостей: заверение, место хранения, срок',
  '    archive board --db FILE --year 2025/2026 [--json]        что напечатано, скреплено печатью и чего нет к 30 июня',
  '    archive package --db FILE --year 2025/2026 --out DIR [--media DIR]… [--no-media] [--recipient age1…]',
  '      архивный пакет года в DIR/2025-2026/: журналы и ведомости PDF/A, ведомости XLSX, копия данных SQLite, manifest.json (SHA-256);',
  '      зашифрованная копия — на носители резервных копий (или в --media)',
  '    archive verify DIR [--json]   проверить пакет по манифесту; код 3 и имена файлов, если что-то изменено, пропало или добавлено',
  '    archive check --db FILE       перепроверить все записанные пакеты (для планировщика ОС); код 3 при расхождении',
].join('\n');

export const archive: Command = {
  usage: USAGE,
  async run(args, out) {
    const [sub, ...rest] = args;
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        year: { type: 'string' },
        out: { type: 'string' },
        media: { type: 'string', multiple: true },
        'no-media': { type: 'boolean' },
        recipient: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    const json = !!values.json;
    switch (sub) {
      case 'register':
        return withDatabase(
          values.db,
          async (h) => {
            const ctx = cliCtx(h.db);
            const reg = await listRegister(ctx, values.year ? await yearId(h.db, values.year) : undefined);
            if (json) out.log(JSON.stringify(reg.rows, null, 2));
            else if (!reg.rows.length) out.log('Реестр пуст: журналы и ведомости ещё не печатались.');
            else for (const r of reg.rows) out.log(registerLine(r));
            return EXIT.ok;
          },
          { access: 'read' },
        );
      case 'board':
        return withDatabase(
          values.db,
          async (h) => {
            const b = await yearBoard(cliCtx(h.db), await yearId(h.db, values.year));
            if (json) out.log(JSON.stringify(b, null, 2));
            else {
              out.log(
                `${b.yearName}, срок ${ru(b.deadline)}: ожидается ${b.counts.expected}, напечатано ${b.counts.printed}, скреплено печатью ${b.counts.sealed}, нет ${b.counts.missing}${b.overdue ? ' — СРОК ПРОШЁЛ' : ''}`,
              );
              for (const c of b.classes) out.log(`  ${c.className}: журнал — ${c.journal.state}, ведомость — ${c.ledger.state}`);
              out.log(`  книга сводных ведомостей — ${b.book.state}`);
            }
            return EXIT.ok;
          },
          { access: 'read' },
        );
      case 'package': {
        if (!values.out) throw new UsageError('Укажите --out DIR (папку архива)');
        const outDir = path.resolve(values.out);
        return withDatabase(values.db, async (h) => {
          const ctx = cliCtx(h.db);
          const r = await buildPackage(
            ctx,
            { raw: isPostgresUrl(values.db!) ? null : h.raw, dbFile: values.db! },
            {
              yearId: await yearId(h.db, values.year),
              out: outDir,
              media: values.media,
              noMedia: values['no-media'],
              recipient: values.recipient,
              onProgress: (l) => out.err(l),
            },
          );
          out.log(
            `Архивный пакет: ${countOf(r.files, ['файл', 'файла', 'файлов'])}, ${(r.bytes / 2 ** 20).toFixed(1).replace('.', ',')} МиБ, ` +
              `${r.pages} стр. PDF за ${(r.ms / 1000).toFixed(1).replace('.', ',')} с → ${r.folder}`,
          );
          out.log(`  манифест SHA-256 ${r.manifestSha256}`);
          if (!r.yearClosed) out.log('  внимание: учебный год не закрыт — данные могут ещё измениться');
          for (const f of r.failed) out.log(`  не напечатано: ${f.className ?? 'книга школы'} — ${f.kind}: ${f.message}`);
          for (const m of r.media)
            out.log(`  носитель ${m.label}: ${m.ok ? 'записано и проверено' : `ОШИБКА: ${m.message}`} → ${m.folder}`);
          if (r.mediaSkipped) out.log(`  на носители резервных копий не записано: ${r.mediaSkipped}`);
          return r.failed.length || r.media.some((m) => !m.ok) ? EXIT.failed : EXIT.ok;
        });
      }
      case 'verify': {
        const dir = positionals[0];
        if (!dir) throw new UsageError('Укажите папку пакета: archive verify DIR');
        return report(out, await verifyPackage(dir), json);
      }
      case 'check':
        return withDatabase(values.db, async (h) => {
          const checks = await recheckPackages(cliCtx(h.db));
          if (!checks.length) out.log('Архивных пакетов нет.');
          let code: number = EXIT.ok;
          for (const c of checks) if (report(out, c.report, json) !== EXIT.ok) code = EXIT.integrity;
          return code;
        });
      default:
        throw new UsageError(`Команда archive: register | board | package | verify | check\n    ${USAGE}`);
    }
  },
};
