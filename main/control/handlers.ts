import type { controlSchemas } from '../contract/control';
import type { controlWeeklySchemas } from '../contract/control-weekly';
import type { AreaHandlers } from '../kernel/env';
import { resultsReport } from './results';
import { weeklyControl, weeklyStatus } from './weekly';
import { weeklyFile } from './weekly-files';

// Reports of the administration's control. Whose marks a reader sees is the service's (teachers: their classes and
// subjects), as in the journal.
export const controlHandlers: AreaHandlers<keyof typeof controlSchemas> = {
  'results.report': { access: 'journal.read', run: (c, i) => resultsReport(c, i) },
};

// The weekly control: the service narrows the lines to the caller (the school for the director, the deputy and the
// office; a teacher's own lessons and journals; a homeroom teacher's class).
export const controlWeeklyHandlers: AreaHandlers<keyof typeof controlWeeklySchemas> = {
  'controlWeekly.report': { access: 'journal.read', run: (c, i) => weeklyControl(c, i) },
  'controlWeekly.file': { access: 'journal.read', run: (c, i) => weeklyFile(c, i) },
  'controlWeekly.status': { access: 'journal.read', run: (c) => weeklyStatus(c) },
};
