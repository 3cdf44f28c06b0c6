import type { journalRemarkSchemas } from '../contract/journal-remarks';
import type { AreaHandlers } from '../kernel/env';
import * as remarks from './remarks';

// Inspection remarks: the deputy and the director write them and mark them fixed (`journal.inspect`); whoever reads
// journals lists the remarks of the journals they keep; the teacher of the journal answers. The scope (whose remark)
// is checked in main/journal/remarks.ts.
export const journalRemarkHandlers: AreaHandlers<keyof typeof journalRemarkSchemas> = {
  'remarks.list': { access: 'journal.read', run: (c, i) => remarks.listRemarks(c, i) },
  'remarks.write': { access: 'journal.inspect', run: (c, i) => remarks.writeRemark(c, i) },
  'remarks.answer': { access: 'journal.write', run: (c, i) => remarks.answerRemark(c, i) },
  'remarks.fix': { access: 'journal.inspect', run: (c, i) => remarks.fixRemark(c, i) },
};
