import type { controlSchemas } from '../contract/control';
import type { controlProblemsSchemas } from '../contract/control-problems';
import type { AreaHandlers } from '../kernel/env';
import { classForecast } from './forecast';
import { problemLists } from './problems';
import { problemsExport } from './problems-xlsx';
import { resultsReport } from './results';

// Reports of the administration's control. Whose marks a reader sees is the service's (teachers: their classes and
// subjects; homeroom teachers: their class; the administration: the school), as in the journal.
export const controlHandlers: AreaHandlers<keyof typeof controlSchemas | keyof typeof controlProblemsSchemas> = {
  'results.report': { access: 'journal.read', run: (c, i) => resultsReport(c, i) },
  'problems.list': { access: 'journal.read', run: (c, i) => problemLists(c, i) },
  'problems.export': { access: 'journal.read', run: (c, i) => problemsExport(c, i) },
  'forecast.report': { access: 'journal.read', run: (c, i) => classForecast(c, i) },
};
