import type { monitoringSchemas } from '../contract/control-monitoring';
import type { AreaHandlers } from '../kernel/env';
import { attendanceReport } from './attendance';
import { programmeReport } from './curriculum';
import { controlWorkReport, listControlWorkResults } from './monitoring';
import { exportAttendance, exportControlWorks, exportProgramme } from './monitoring-xlsx';

// Internal monitoring, attendance and the curriculum's fulfilment (issue 12, parts 6 and 8). The permission is
// reading the journal; whose classes and subjects a reader sees is the services' (main/control/scope.ts): the
// director, deputy and office the school, a homeroom teacher their class, a teacher their classes and subjects.
export const monitoringHandlers: AreaHandlers<keyof typeof monitoringSchemas> = {
  'vshk.list': { access: 'journal.read', run: (c, i) => listControlWorkResults(c, i) },
  'vshk.report': { access: 'journal.read', run: (c, i) => controlWorkReport(c, i) },
  'vshk.export': { access: 'journal.read', run: (c, i) => exportControlWorks(c, i) },
  'attendance.report': { access: 'journal.read', run: (c, i) => attendanceReport(c, i) },
  'attendance.export': { access: 'journal.read', run: (c, i) => exportAttendance(c, i) },
  'programme.report': { access: 'journal.read', run: (c, i) => programmeReport(c, i) },
  'programme.export': { access: 'journal.read', run: (c, i) => exportProgramme(c, i) },
};
