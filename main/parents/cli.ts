import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../db/index';
import type { Db } from '../../db/index';
import { EXIT, UsageError, withDatabase, type Command } from '../kernel/cli-command';
import { cliCtx } from '../kernel/cli-options';
import { isIsoDate } from '../contract/rules/dates';
import { countOf } from '../contract/rules/plural';
import { safeFileName } from '../printing/catalog';
import { classList, findClass, findClasses } from '../school/class-lookup';
import { recordHandOver } from './register';
import { weeklyRequest, writeExtracts, writeNotices, writeRegister } from './service';

// `print extract`, `print extracts --weekly`, `print extract-register` and `print handover`: registered as
// subcommands of the printing capability's `print` command by main/capabilities.ts (printing does not import parents).

const date = (v: string | undefined, what: string): string => {
  if (!v) throw new UsageError(`Укажите ${what} ГГГГ-ММ-ДД`);
  if (!isIsoDate(v)) throw new UsageError(`${what}: дата в формате ГГГГ-ММ-ДД`);
  return v;
};

/** The school year holding the day `on`. */
async function yearOn(db: Db, on: string) {
  const year = await db
    .selectFrom('academic_year')
    .selectAll()
    .where('start_date', '<=', on)
    .where('end_date', '>=', on)
    .executeTakeFirst();
  if (!year) throw new AppError('NOT_FOUND', `Нет учебного года, в который входит ${on}`);
  return year;
}

/** The year holding `on`, and its class named `name` («5а», «5 «А»», «5A»). */
async function classOn(db: Db, name: string, on: string) {
  const year = await yearOn(db, on);
  return { year, cls: await findClass(db, year, name) };
}

/** --from and --to: both dates, in order. */
function spanOf(values: { from?: string; to?: string }): { from: string; to: string } {
  const from = date(values.from, '--from');
  const to = date(values.to, '--to');
  if (from > to) throw new UsageError('--from позже --to');
  return { from, to };
}

/** --format, or the output file's extension: pdf or docx. */
function docFormat(format: string | undefined, out: string): 'pdf' | 'docx' {
  const f = (format ?? path.extname(out).slice(1)).toLowerCase();
  if (f !== 'pdf' && f !== 'docx') throw new UsageError('--format: pdf или docx');
  return f;
}

const isPositiveInt = (v: string) => /^[1-9]\d*$/.test(v);

export const extract: Command = {
  usage: [
    'print extract --db FILE --class 5А [--student ID] --from ГГГГ-ММ-ДД --to ГГГГ-ММ-ДД [--format pdf|docx] --out FILE [--homework] [--replace]',
    '      выписка из журнала для родителей одного ученика (или всех учеников класса); записывается в журнал выдачи',
  ].join('\n'),
  async run(args, out) {
    const { values } = parseArgs({
      args,
      options: {
        db: { type: 'string' },
        class: { type: 'string' },
        student: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        homework: { type: 'boolean' },
        replace: { type: 'boolean' },
      },
    });
    if (!values.class) throw new UsageError('Укажите --class, например 5А');
    if (!values.out) throw new UsageError('Укажите --out FILE');
    const { from, to } = spanOf(values);
    const format = docFormat(values.format, values.out);
    let studentIds: number[] | undefined;
    if (values.student !== undefined) {
      if (!isPositiveInt(values.student)) throw new UsageError('--student: код ученика (число)');
      studentIds = [Number(values.student)];
    }
    return withDatabase(values.db, async (h) => {
      const { cls } = await classOn(h.db, values.class!, from);
      const started = Date.now();
      const r = await writeExtracts(
        cliCtx(h.db),
        { classId: cls.id, studentIds, span: { from, to }, homework: !!values.homework },
        format,
        path.resolve(values.out!),
        values.replace ? 'replace' : 'refuse',
      );
      out.log(
        `${r.title}: ${r.pages} стр., ${format.toUpperCase()} → ${r.file} за ${((Date.now() - started) / 1000).toFixed(1)} с; SHA-256 ${r.sha256}`,
      );
      return EXIT.ok;
    });
  },
};

export const extracts: Command = {
  usage: [
    'print extracts --db FILE --weekly ГГГГ-ММ-ДД --out DIR [--class 5А,5Б] [--replace]',
    '      еженедельные выписки для родителей, выбравших бумажную форму: по PDF на класс, ученики в порядке списка',
  ].join('\n'),
  async run(args, out) {
    const { values } = parseArgs({
      args,
      options: {
        db: { type: 'string' },
        weekly: { type: 'string' },
        out: { type: 'string' },
        class: { type: 'string' },
        replace: { type: 'boolean' },
      },
    });
    const on = date(values.weekly, '--weekly');
    if (!values.out) throw new UsageError('Укажите --out DIR (папку для файлов)');
    const dir = path.resolve(values.out);
    return withDatabase(values.db, async (h) => {
      const ctx = cliCtx(h.db);
      const year = await yearOn(h.db, on);
      let classes = await h.db
        .selectFrom('class')
        .select(['id', 'name', 'grade', 'letter'])
        .where('year_id', '=', year.id)
        .orderBy('grade')
        .orderBy('letter')
        .execute();
      if (values.class) {
        const wanted = new Set((await findClasses(h.db, year, classList(values.class))).map((c) => c.id));
        classes = classes.filter((c) => wanted.has(c.id));
      }
      const started = Date.now();
      let files = 0;
      let students = 0;
      for (const c of classes) {
        const req = await weeklyRequest(ctx, c.id, on);
        if (!req) continue;
        const target = path.join(dir, safeFileName(`Выписки ${c.name} ${on}.pdf`));
        const r = await writeExtracts(ctx, req, 'pdf', target, values.replace ? 'replace' : 'refuse');
        out.log(`${c.name}: ${countOf(r.students, ['выписка', 'выписки', 'выписок'])}, ${r.pages} стр. → ${r.file}`);
        files++;
        students += r.students;
      }
      out.log(
        files
          ? `Готово: ${countOf(files, ['файл', 'файла', 'файлов'])}, ${countOf(students, ['выписка', 'выписки', 'выписок'])} за ${((Date.now() - started) / 1000).toFixed(1)} с → ${dir}`
          : 'Ни в одном классе родители не выбрали выписки на бумаге: печатать нечего.',
      );
      return EXIT.ok;
    });
  },
};

export const extractRegister: Command = {
  usage: [
    'print extract-register --db FILE --class 5А --from ГГГГ-ММ-ДД --to ГГГГ-ММ-ДД --out FILE.pdf [--replace]',
    '      журнал выдачи выписок родителям за период и список не получивших выписку за последнюю неделю',
  ].join('\n'),
  async run(args, out) {
    const { values } = parseArgs({
      args,
      options: {
        db: { type: 'string' },
        class: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        replace: { type: 'boolean' },
      },
    });
    if (!values.class) throw new UsageError('Укажите --class, например 5А');
    if (!values.out) throw new UsageError('Укажите --out FILE.pdf');
    const { from, to } = spanOf(values);
    return withDatabase(values.db, async (h) => {
      const { cls } = await classOn(h.db, values.class!, to);
      const r = await writeRegister(cliCtx(h.db), cls.id, { from, to }, path.resolve(values.out!), values.replace ? 'replace' : 'refuse');
      out.log(`Журнал выдачи выписок ${cls.name}: ${r.pages} стр. → ${r.file}`);
      return EXIT.ok;
    });
  },
};

export const handover: Command = {
  usage: [
    'print handover --db FILE --extract ID --date ГГГГ-ММ-ДД --to "Фамилия Имя Отчество"',
    '      отметить выдачу напечатанной выписки родителю (код выписки — из журнала выдачи)',
  ].join('\n'),
  async run(args, out) {
    const { values } = parseArgs({
      args,
      options: { db: { type: 'string' }, extract: { type: 'string' }, date: { type: 'string' }, to: { type: 'string' } },
    });
    if (!values.extract || !isPositiveInt(values.extract)) throw new UsageError('--extract: код выписки (число)');
    const handedAt = date(values.date, '--date');
    if (!values.to?.trim()) throw new UsageError('Укажите --to: кому выдана выписка');
    return withDatabase(values.db, async (h) => {
      const r = await recordHandOver(cliCtx(h.db), { extractId: Number(values.extract), handedAt, handedTo: values.to! });
      out.log(`Выписка ${r.id} (${r.studentName}) выдана ${r.handedAt}: ${r.handedTo}`);
      return EXIT.ok;
    });
  },
};

export const notices: Command = {
  usage: [
    'print notices --db FILE --class 5А --date ГГГГ-ММ-ДД [--unexcused N] [--format pdf|docx] --out FILE [--replace]',
    '      уведомления родителям: риск «2» или «н/а» за период, пропуски без уважительной причины (N уроков и больше, по умолчанию 10)',
  ].join('\n'),
  async run(args, out) {
    const { values } = parseArgs({
      args,
      options: {
        db: { type: 'string' },
        class: { type: 'string' },
        date: { type: 'string' },
        unexcused: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        replace: { type: 'boolean' },
      },
    });
    if (!values.class) throw new UsageError('Укажите --class, например 5А');
    if (!values.out) throw new UsageError('Укажите --out FILE');
    const on = date(values.date, '--date');
    if (values.unexcused !== undefined && !isPositiveInt(values.unexcused)) throw new UsageError('--unexcused: число уроков, не меньше 1');
    const format = docFormat(values.format, values.out);
    return withDatabase(values.db, async (h) => {
      const { cls } = await classOn(h.db, values.class!, on);
      const unexcused = values.unexcused === undefined ? undefined : Number(values.unexcused);
      const r = await writeNotices(
        cliCtx(h.db),
        cls.id,
        on,
        { unexcused },
        format,
        path.resolve(values.out!),
        values.replace ? 'replace' : 'refuse',
      );
      if (!r) {
        out.log(
          `${cls.name}: учеников с риском «2», «н/а» или с пропусками без уважительной причины сверх порога нет — уведомлять некого.`,
        );
        return EXIT.ok;
      }
      out.log(`${r.title}: ${r.pages} стр. → ${r.file}`);
      return EXIT.ok;
    });
  },
};

/** The subcommands this capability adds to `print`. */
export const printSubcommands: Record<string, Command> = { extract, extracts, notices, 'extract-register': extractRegister, handover };
