import type { archiveSchemas } from '../contract/archive';
import type { AreaHandlers } from '../kernel/env';
import { archiveChecks } from './checks';
import { actFile, drawAct, listActs, signAct } from './destruction';
import { certify, expiredDocuments, listRegister, setPlace, yearBoard } from './register';

// The archive screen (office, deputies, director: «archive»); the re-check warnings for the home screen of whoever
// reads the audit log.
export const archiveHandlers: AreaHandlers<keyof typeof archiveSchemas> = {
  'archive.register': { access: 'archive', run: (c, i) => listRegister(c, i.yearId) },
  'archive.certify': { access: 'archive', run: (c, i) => certify(c, i) },
  'archive.place': { access: 'archive', run: (c, i) => setPlace(c, i) },
  'archive.board': { access: 'archive', run: (c, i) => yearBoard(c, i.yearId) },
  'archive.expired': { access: 'archive', run: (c) => expiredDocuments(c) },
  'archive.acts': { access: 'archive', run: (c) => listActs(c) },
  'archive.actDraw': { access: 'archive', run: (c, i) => drawAct(c, i.documentIds) },
  'archive.actFile': {
    access: 'archive',
    run: async (c, i) => {
      const { bytes: _bytes, ...file } = await actFile(c, i.actId);
      return file;
    },
  },
  'archive.actSign': { access: 'archive', run: (c, i) => signAct(c, i.actId, i.signedOn) },
  'archive.checks': { access: 'audit.read', run: (c) => archiveChecks(c.db) },
};
