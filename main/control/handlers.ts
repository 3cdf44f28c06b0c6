import type { controlSchemas } from '../contract/control';
import type { controlProblemsSchemas } from '../contract/control-problems';
import type { AreaHandlers } from '../kernel/env';
import { classForecast } from './forecast';
import { problemLists } from './problems';
import { problemsExport } from './problems-xlsx';
import { resultsReport } from './results';
import { resultsComparison } from './results-compare';

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
