import * as print from './service';
import type { printSchemas } from '../contract/printing';
import type { lookupSchemas } from '../contract/lookup';
import { lookupStudents } from './lookup/search';
import { ledgerExtractFile } from './lookup/service';
import type { AreaHandlers } from '../kernel/env';

// The print screen's handlers: all need «print»; the services check the rest (personal data, own class, whole
// school) for each document.
export const printHandlers: AreaHandlers<keyof typeof printSchemas> = {
  'print.documents': { access: 'print', run: (c) => print.printableDocuments(c, c.env.dbFile) },
  'print.classes': { access: 'print', run: (c, i) => print.printableClasses(c, i.yearId) },
  'print.preview': { access: 'print', run: (c, i) => print.previewPages(c, i) },
  'print.fonts': { access: 'print', run: async () => print.previewFonts() },
  'print.html': { access: 'print', run: (c, i) => print.printHtml(c, i) },
  'print.file': { access: 'print', run: (c, i) => print.documentFile(c, i) },
  'print.schoolStart': { access: 'print', run: (c, i) => print.startSchoolJob(c, c.env.dbFile, i) },
  'print.schoolStatus': { access: 'print', run: async (c, i) => print.schoolJobStatus(c, i.jobId) },
  'print.schoolCancel': { access: 'print', run: async (c, i) => print.cancelSchoolJob(c, i.jobId) },
};

// The 25-year look-up: office staff, deputies and the director («archive.lookup»); the extract also needs «print».
export const lookupHandlers: AreaHandlers<keyof typeof lookupSchemas> = {
  'lookup.search': { access: 'archive.lookup', run: (c, i) => lookupStudents(c, i) },
  'lookup.extractFile': { access: 'archive.lookup', run: (c, i) => ledgerExtractFile(c, i.studentId) },
};
