import type { exportsSchemas } from '../contract/exports';
import type { AreaHandlers } from '../kernel/env';
import { exportList, exportYear } from './export';
import { applyOtherJournal, previewOtherJournal } from './other-journal';

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
