import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, UsageError, withDatabase, type Command } from '../kernel/cli-command';
import { cliCtx } from '../kernel/cli-options';
import { yearOption } from '../school/class-lookup';
import { exportYear } from './export';
import type { ExportFormat } from './writers';

// `export year`: a whole school year as XLSX (one workbook), CSV (a file per table) or JSON (one document valid
// against docs/schema/year-export.v1.schema.json). The CLI acts with the file owner's rights: personal columns included.

const year: Command = {
  usage: 'export year --db FILE --year 2025/2026 --format xlsx|csv|json --out DIR   выгрузка учебного года целиком',
  async run(args, out) {
    const { values } = parseArgs({
      args,
      options: { db: { type: 'string' }, year: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    });
    if (!values.year) throw new UsageError('Укажите --year, например 2025/2026');
    if (!['xlsx', 'csv', 'json'].includes(values.format ?? '')) throw new UsageError('--format: xlsx, csv или json');
    if (!values.out) throw new UsageError('Укажите --out DIR: папку для файлов выгрузки');
    const dir = path.resolve(values.out);
    return withDatabase(
      values.db,
      async (h) => {
        const r = await exportYear(cliCtx(h.db), {
          yearId: (await yearOption(h.db, values.year)).id,
          format: values.format as ExportFormat,
        });
        fs.mkdirSync(dir, { recursive: true });
        for (const f of r.files) fs.writeFileSync(path.join(dir, f.name), f.data);
        const total = Object.values(r.rows).reduce((a, b) => a + b, 0);
        out.log(`Выгрузка ${values.year}: ${r.files.length} ф. (${total} строк) → ${dir}`);
        for (const f of r.files) out.log(`  ${f.name}`);
        return EXIT.ok;
      },
      // the export is written to the audit log (who took the year's data, with or without personal columns)
      { access: 'write' },
    );
  },
};

/** `export <what>`: data leaving the program. */
export const exportCommand: Command = {
  usage: year.usage,
  async run(args, out) {
    const [sub, ...rest] = args;
    if (sub !== 'year') throw new UsageError(`export: неизвестная выгрузка «${sub ?? ''}»; есть: year`);
    return year.run(rest, out);
  },
};
