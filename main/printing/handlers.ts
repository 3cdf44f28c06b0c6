import * as print from './service';
import type { printSchemas } from '../contract/printing';
import type { lookupSchemas } from '../contract/lookup';
import { lookupStudents } from './lookup/search';
import { ledgerExtractFile } from './lookup/service';
import type { AreaHandlers } from '../kernel/env';

// The print screen's handlers. The screen and single documents need «print.subject» (everyone who prints; a teacher
// holds only it and prints their own subjects' pages); the services check the rest for each document («print»,
// personal data, own class, own subject, whole school). Whole-school printing needs «print».
export const printHandlers: AreaHandlers<keyof typeof printSchemas> = {
  'print.documents': { access: 'print.subject', run: (c) => print.printableDocuments(c, c.env.dbFile) },
  'print.classes': { access: 'print.subject', run: (c, i) => print.printableClasses(c, i.yearId) },
  'print.preview': { access: 'print.subject', run: (c, i) => print.previewPages(c, i) },
  'print.fonts': { access: 'print.subject', run: async () => print.previewFonts() },
  'print.html': { access: 'print.subject', run: (c, i) => print.printHtml(c, i) },
  'print.file': { access: 'print.subject', run: (c, i) => print.documentFile(c, i) },
  'print.journalOptions': { access: 'print.subject', run: (c, i) => print.journalOptions(c, i.classId) },
  'print.schoolStart': { access: 'print', run: (c, i) => print.startSchoolJob(c, c.env.dbFile, i) },
  'print.schoolStatus': { access: 'print', run: async (c, i) => print.schoolJobStatus(c, i.jobId) },
  'print.schoolCancel': { access: 'print', run: async (c, i) => print.cancelSchoolJob(c, i.jobId) },
};

// The 25-year look-up: office staff, deputies and the director («archive.lookup»); the extract also needs «print».
export const lookupHandlers: AreaHandlers<keyof typeof lookupSchemas> = {
  'lookup.search': { access: 'archive.lookup', run: (c, i) => lookupStudents(c, i) },
  'lookup.extractFile': { access: 'archive.lookup', run: (c, i) => ledgerExtractFile(c, i.studentId) },
};
