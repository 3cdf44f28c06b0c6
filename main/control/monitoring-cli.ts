import { parseArgs } from 'node:util';
import { EXIT, UsageError, withDatabase, type Command } from '../kernel/cli-command';
import { cliCtx, writeOutputFile } from '../kernel/cli-options';
import { classOption, yearOption } from '../school/class-lookup';
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
          const ctx = cliCtx(h.db);
          const year = await yearOption(h.db, values.year);
          const yearId = year.id;
          const classId = await classOption(h.db, year, values.class);
          const input = { yearId, classId };
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
          const file = writeOutputFile(values.out!, Buffer.from(f.base64, 'base64'));
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
