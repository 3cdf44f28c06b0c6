import type { controlSchemas } from '../contract/control';
import type { AreaHandlers } from '../kernel/env';
import { resultsReport } from './results';
import { resultsComparison } from './results-compare';

// Reports of the administration's control. Whose marks a reader sees is the service's (teachers: their classes and
// subjects), as in the journal.
export const controlHandlers: AreaHandlers<keyof typeof controlSchemas> = {
  'results.report': { access: 'journal.read', run: (c, i) => resultsReport(c, i) },
  'results.compare': { access: 'journal.read', run: (c, i) => resultsComparison(c, i) },
  // The PDF module draws charts: loaded on the first print, not at start.
  'results.pdf': { access: 'journal.read', run: async (c, i) => (await import('./results-pdf')).resultsPdf(c, i) },
};
