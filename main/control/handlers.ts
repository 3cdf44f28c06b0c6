import type { controlSchemas } from '../contract/control';
import type { AreaHandlers } from '../kernel/env';
import { resultsReport } from './results';

// Reports of the administration's control. Whose marks a reader sees is the service's (teachers: their classes and
// subjects), as in the journal.
export const controlHandlers: AreaHandlers<keyof typeof controlSchemas> = {
  'results.report': { access: 'journal.read', run: (c, i) => resultsReport(c, i) },
};
