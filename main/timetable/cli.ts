import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '../../db/index';
import type { Ctx } from '../kernel/context';
import { generateLessons, hoursReport } from './lessons';
import { parsePlanFile } from './plan-file';
import * as plans from './plans';
import { timetablePdf } from './timetable-pdf';
import { listVersions, versionConflicts } from './timetable';
import { EXIT, UsageError, withDatabase, type Command } from '../kernel/cli-command';
import { cliCtx } from '../kernel/cli-options';
import { findClasses, findYear } from '../school/class-lookup';

// The timetable area on the command line: lessons generation, conflicts, hours check, printable
// timetables, thematic plan import and export.

/** `--year`, or the latest year without it. */
async function yearOf(db: Db, name: string | undefined): Promise<{ id: number; name: string }> {
  if (name) return findYear(db, name);
  const y = await db.selectFrom('academic_year').select(['id', 'name']).orderBy('start_date', 'desc').executeTakeFirst();
  if (!y) throw new UsageError('В базе нет ни одного учебного года');
  return y;
}

async function classIdsOf(db: Db, year: { id: number; name: string }, names: string[] | undefined) {
  if (!names?.length) return undefined;
  return (await findClasses(db, year, names)).map((c) => c.id);
}

async function versionOf(ctx: Ctx, yearId: number, id: string | undefined) {
  const versions = await listVersions(ctx, yearId);
  const v = id ? versions.find((x) => x.id === Number(id)) : versions[versions.length - 1];
  if (!v) throw new UsageError(id ? `Версии расписания ${id} нет` : 'В этом учебном году нет расписания');
  return v;
}

export const timetable: Command = {
  usage:
    'timetable generate|conflicts|hours|pdf --db FILE [--year 2025/2026] [--class 5А …] [--from ГГГГ-ММ-ДД] [--version ID] [--out FILE] [--json]\n' +
    '      уроки года по расписанию (перегенерация не трогает уроки с данными), конфликты расписания,\n' +
    '      сверка часов с учебным планом, расписание в PDF',
  async run(args, out) {
    const [sub, ...rest] = args;
    if (!['generate', 'conflicts', 'hours', 'pdf'].includes(sub))
      throw new UsageError('Команда timetable: generate, conflicts, hours или pdf');
    const { values } = parseArgs({
      args: rest,
      options: {
        db: { type: 'string' },
        year: { type: 'string' },
        class: { type: 'string', multiple: true },
        from: { type: 'string' },
        version: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    return withDatabase(
      values.db,
      async (h) => {
        const ctx = cliCtx(h.db);
        const year = await yearOf(h.db, values.year);
        const classIds = await classIdsOf(h.db, year, values.class);
        if (sub === 'generate') {
          const r = await generateLessons(ctx, { yearId: year.id, classIds, from: values.from });
          if (values.json) out.log(JSON.stringify(r));
          else {
            const t = r.totals;
            out.log(
              `Уроки ${year.name} за ${(r.ms / 1000).toFixed(1)} с: добавлено ${t.added}, перенесено ${t.moved}, изменено ${t.updated}, удалено ${t.removed}, без изменений ${t.unchanged}; темы КТП на ${t.topics} уроках.`,
            );
            for (const c of r.classes) for (const x of c.conflicts) out.log(`  ! ${x.message}`);
            if (t.conflicts) out.log(`Конфликтов: ${t.conflicts}. Уроки с данными не удалены и не перенесены.`);
          }
          return EXIT.ok;
        }
        if (sub === 'hours') {
          const rows = await hoursReport(ctx, { yearId: year.id, classId: classIds?.[0] ?? null });
          if (values.json) out.log(JSON.stringify(rows));
          else
            for (const r of rows.filter((x) => Math.abs(x.diff) >= 1))
              out.log(
                `${r.className}${r.group ? ` (${r.group})` : ''}, ${r.subject}, ${r.period}: по плану ${r.planned}, по расписанию ${r.scheduled} (${r.diff > 0 ? '+' : ''}${r.diff})`,
              );
          return EXIT.ok;
        }
        const v = await versionOf(ctx, year.id, values.version);
        if (sub === 'conflicts') {
          const r = await versionConflicts(ctx, v.id);
          if (values.json) out.log(JSON.stringify(r));
          else {
            out.log(
              `${v.name} (с ${v.validFrom}): конфликтов ${r.conflicts.length}, уроков вне звонков ${r.noBell.length}, расхождений с нагрузкой ${r.loadMismatches.length}`,
            );
            for (const c of [...r.conflicts.map((x) => x.message), ...r.noBell.map((x) => x.message), ...r.loadMismatches])
              out.log(`  ${c}`);
          }
          return r.conflicts.length || r.noBell.length ? EXIT.failed : EXIT.ok;
        }
        if (!values.out) throw new UsageError('Укажите --out FILE.pdf');
        const pdf = await timetablePdf(ctx, { versionId: v.id, classIds });
        fs.writeFileSync(values.out, Buffer.from(pdf.base64, 'base64'));
        out.log(`Расписание: ${pdf.pages} стр. → ${path.resolve(values.out)}`);
        return EXIT.ok;
      },
      { access: sub === 'generate' ? 'write' : 'read' },
    );
  },
};

export const plan: Command = {
  usage:
    'plan check|import|export --db FILE [--year …] --subject «Математика» --grade 5 [--class 5А] --file F.xlsx|csv  (export: --id N --out F)\n' +
    '      тематическое планирование: проверить файл, загрузить (ни одной строки с ошибкой), выгрузить',
  async run(args, out) {
    const [sub, ...rest] = args;
    if (!['check', 'import', 'export'].includes(sub)) throw new UsageError('Команда plan: check, import или export');
    const { values } = parseArgs({
      args: rest,
      options: {
        db: { type: 'string' },
        year: { type: 'string' },
        subject: { type: 'string' },
        grade: { type: 'string' },
        class: { type: 'string' },
        file: { type: 'string' },
        id: { type: 'string' },
        out: { type: 'string' },
      },
    });
    if (sub === 'check') {
      if (!values.file) throw new UsageError('Укажите --file');
      const r = await parsePlanFile(values.file, fs.readFileSync(values.file));
      if (r.fatal) out.err(r.fatal);
      for (const e of r.errors) out.err(e.message);
      for (const n of r.notices) out.log(n);
      out.log(
        `${r.format.toUpperCase()}${r.encoding ? `, ${r.encoding}` : ''}: тем ${r.topics.length}, часов ${r.totalHours}, строк с ошибками ${r.errors.length}`,
      );
      return r.fatal || r.errors.length ? EXIT.failed : EXIT.ok;
    }
    return withDatabase(
      values.db,
      async (h) => {
        const ctx = cliCtx(h.db);
        const year = await yearOf(h.db, values.year);
        if (sub === 'export') {
          if (!values.id || !values.out) throw new UsageError('Укажите --id и --out');
          const format = values.out.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
          const r = await plans.exportPlan(ctx, { id: Number(values.id), format });
          fs.writeFileSync(values.out, Buffer.from(r.base64, 'base64'));
          out.log(`Выгружено → ${path.resolve(values.out)}`);
          return EXIT.ok;
        }
        if (!values.subject || !values.grade || !values.file) throw new UsageError('Укажите --subject, --grade и --file');
        const subject = await h.db.selectFrom('subject').select('id').where('name', '=', values.subject).executeTakeFirst();
        if (!subject) throw new UsageError(`Предмета «${values.subject}» нет`);
        const classId = (await classIdsOf(h.db, year, values.class ? [values.class] : undefined))?.[0] ?? null;
        const buf = fs.readFileSync(values.file);
        const r = await plans.importPlan(ctx, {
          yearId: year.id,
          subjectId: subject.id,
          grade: Number(values.grade),
          classId,
          file: { name: path.basename(values.file), base64: buf.toString('base64') },
        });
        out.log(`Загружено тем: ${r.topics}, часов: ${r.hours}; темы проставлены на ${r.lessonsUpdated} уроках.`);
        if (r.warning) out.log(`Внимание: ${r.warning}`);
        return EXIT.ok;
      },
      { access: sub === 'import' ? 'write' : 'read' },
    );
  },
};
