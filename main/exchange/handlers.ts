import type { exchangeSchemas } from '../contract/exchange';
import type { AreaHandlers } from '../kernel/env';
import { importTemplate, previewImport, runImport, templateName } from './import';

// The roster import's channels. Who may import is the service's: students need `students.write` (and
// `students.personal` for personal columns), staff, subjects and classes `setup.write`; the preview asks the same,
// since it names who each row matched.
export const exchangeHandlers: AreaHandlers<keyof typeof exchangeSchemas> = {
  'import.template': {
    access: 'session',
    run: async (_c, i) => ({ name: templateName(i.kind), base64: (await importTemplate(i.kind)).toString('base64') }),
  },
  'import.preview': { access: 'session', run: (c, i) => previewImport(c, i) },
  'import.run': { access: 'session', run: (c, i) => runImport(c, i) },
};
