import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../db/index';
import { EXIT, osActor, UsageError, withDatabase, type Command } from '../kernel/cli-command';
import type { Ctx } from '../kernel/context';
import { yearByName } from '../school/years';
import { attendanceReport } from './attendance';
import { programmeReport } from './curriculum';
import { listControlWorkResults } from './monitoring';
import { exportAttendance, exportControlWorks, exportProgramme } from './monitoring-xlsx';

// `report vshk|attendance|programme`: the monitoring reports for scripts and checks, the same services as the screens
// (docs/CONTROL.md). «Today» is the school's clock, as on the screens.

type Kind = 'vshk' | 'attendance' | 'programme';

function monitoringCommand(kind: Kind, what: string): Command {
  return {
    usage: `report ${kind} --db FILE --year 2025/2026 [--class 5А] (--json | --out FILE.xlsx)   ${what}`,
    async run(args, out) {
      const { values } = parseArgs({
        args,
        options: {
          db: { type: 'string' },
          year: { type: 'string' },
          class: { type: 'string' },
          json: { type: 'boolean' },
          out: { type: 'string' },
        },
      });
      if (!values.year) throw new UsageError('Укажите --year, например 2025/2026');
      if (!values.json === !values.out) throw new UsageError('Укажите либо --json, либо --out FILE.xlsx');
      return withDatabase(
        values.db,
        async (h) => {
          const ctx: Ctx = { db: h.db, actor: osActor(), now: () => new Date() };
          const year = await yearByName(h.db, values.year!);
          let classId: number | null = null;
          if (values.class) {
            const c = await h.db
              .selectFrom('class')
              .select('id')
              .where('year_id', '=', year.id)
              .where('name', '=', values.class.trim())
              .executeTakeFirst();
            if (!c) throw new AppError('NOT_FOUND', `Класс ${values.class} не найден в ${values.year}`);
            classId = c.id;
          }
          const input = { yearId: year.id, classId };
          if (values.json) {
            const report =
              kind === 'vshk'
                ? await listControlWorkResults(ctx, input)
                : kind === 'attendance'
                  ? await attendanceReport(ctx, { ...input, from: null, to: null })
                  : await programmeReport(ctx, input);
            out.log(JSON.stringify(report, null, 2));
            return EXIT.ok;
          }
          const f =
            kind === 'vshk'
              ? await exportControlWorks(ctx, { ...input, id: null })
              : kind === 'attendance'
                ? await exportAttendance(ctx, { ...input, from: null, to: null })
                : await exportProgramme(ctx, input);
          const file = path.resolve(values.out!);
          fs.writeFileSync(file, Buffer.from(f.base64, 'base64'));
          out.log(`${what}: ${file}`);
          return EXIT.ok;
        },
        { access: 'read' },
      );
    },
  };
}

export const monitoringReports: Record<Kind, Command> = {
  vshk: monitoringCommand('vshk', 'ВШК: результаты контрольных работ'),
  attendance: monitoringCommand('attendance', 'посещаемость'),
  programme: monitoringCommand('programme', 'выполнение программы'),
};
