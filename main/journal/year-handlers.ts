import type { yearCloseSchemas } from '../contract/year-close';
import type { AreaHandlers } from '../kernel/env';
import * as year from './year-close';

// Closing a year: the deputy and the director see the checklist and record decisions and deferrals; only the director
// closes and reopens.
export const yearCloseHandlers: AreaHandlers<keyof typeof yearCloseSchemas> = {
  'yearClose.checklist': { access: 'year.council', run: (c, i) => year.checklist(c, i.yearId) },
  'yearClose.decisions': { access: 'year.council', run: (c, i) => year.classDecisions(c, i.yearId, i.classId) },
  'yearClose.saveDecisions': { access: 'year.council', run: (c, i) => year.saveDecisions(c, i) },
  'yearClose.defer': { access: 'year.council', run: (c, i) => year.deferMark(c, i) },
  'yearClose.undefer': { access: 'year.council', run: (c, i) => year.undefer(c, i.id) },
  'yearClose.close': { access: 'year.close', run: (c, i) => year.closeYear(c, i.yearId) },
  'yearClose.reopen': { access: 'year.close', run: (c, i) => year.reopenYear(c, i.yearId, i.reason) },
};
