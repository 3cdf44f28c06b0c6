import * as notices from './notices';
import type { noticesSchemas } from '../contract/notices';
import type { AreaHandlers } from '../kernel/env';

export const noticesHandlers: AreaHandlers<keyof typeof noticesSchemas> = {
  'notices.list': { access: 'students.personal', run: (c, i) => notices.listNotices(c, i.studentId) },
  'notices.record': { access: 'students.write', run: (c, i) => notices.recordNotice(c, i) },
  'notices.report': { access: 'students.personal', run: (c, i) => notices.noticesReport(c, i.classId, i.date) },
};
