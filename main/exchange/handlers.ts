import type { exchangeSchemas } from '../contract/exchange';
import type { AreaHandlers } from '../kernel/env';
import { importTemplate, previewImport, runImport, templateName } from './import';
import type { exportsSchemas } from '../contract/exports';
import { exportList, exportYear } from './export';
import { applyOtherJournal, previewOtherJournal } from './other-journal';

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

// Exports and the import from another journal. The rights beyond the channel's access are the services': a year's
// export needs a reader of the whole school's journals, a list the right of its screen, personal columns the right to
// see them (a homeroom teacher: the class they lead); the import writes through the journal's own checks.
export const exportsHandlers: AreaHandlers<keyof typeof exportsSchemas> = {
  'export.year': {
    access: 'journal.read',
    run: async (c, i) => {
      const r = await exportYear(c, i);
      return { files: r.files.map((f) => ({ name: f.name, base64: f.data.toString('base64') })), personal: r.personal };
    },
  },
  'export.list': {
    access: 'session',
    run: async (c, i) => {
      const r = await exportList(c, i);
      return { name: r.name, base64: r.data.toString('base64'), personal: r.personal, rows: r.rows };
    },
  },
  'import.journal.preview': { access: 'journal.write', run: (c, i) => previewOtherJournal(c, i) },
  'import.journal.apply': { access: 'journal.write', run: (c, i) => applyOtherJournal(c, i) },
};
