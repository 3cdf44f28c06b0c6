import type { controlSchemas } from '../contract/control';
import type { controlProblemsSchemas } from '../contract/control-problems';
import type { controlWeeklySchemas } from '../contract/control-weekly';
import type { AreaHandlers } from '../kernel/env';
import { classForecast } from './forecast';
import { problemLists } from './problems';
import { problemsExport } from './problems-xlsx';
import { resultsReport } from './results';
import { resultsComparison } from './results-compare';
import { weeklyControl, weeklyStatus } from './weekly';
import { weeklyFile } from './weekly-files';

// Reports of the administration's control. Whose marks a reader sees is the service's (teachers: their classes and
// subjects; homeroom teachers: their class; the administration: the school), as in the journal.
export const controlHandlers: AreaHandlers<keyof typeof controlSchemas | keyof typeof controlProblemsSchemas> = {
  'results.report': { access: 'journal.read', run: (c, i) => resultsReport(c, i) },
  'results.compare': { access: 'journal.read', run: (c, i) => resultsComparison(c, i) },
  // The PDF module draws charts: loaded on the first print, not at start.
  'results.pdf': { access: 'journal.read', run: async (c, i) => (await import('./results-pdf')).resultsPdf(c, i) },
  'problems.list': { access: 'journal.read', run: (c, i) => problemLists(c, i) },
  'problems.export': { access: 'journal.read', run: (c, i) => problemsExport(c, i) },
  'forecast.report': { access: 'journal.read', run: (c, i) => classForecast(c, i) },
};

// The weekly control: the service narrows the lines to the caller (the school for the director, the deputy and the
// office; a teacher's own lessons and journals; a homeroom teacher's class).
export const controlWeeklyHandlers: AreaHandlers<keyof typeof controlWeeklySchemas> = {
  'controlWeekly.report': { access: 'journal.read', run: (c, i) => weeklyControl(c, i) },
  'controlWeekly.file': { access: 'journal.read', run: (c, i) => weeklyFile(c, i) },
  'controlWeekly.status': { access: 'journal.read', run: (c) => weeklyStatus(c) },
};
