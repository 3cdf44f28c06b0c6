import * as notices from '../../services/notices';
import type { noticesSchemas } from '../channels/notices';
import type { AreaHandlers } from '../router';

export const noticesHandlers: AreaHandlers<keyof typeof noticesSchemas> = {
  'notices.list': { access: 'students.personal', run: (c, i) => notices.listNotices(c, i.studentId) },
  'notices.record': { access: 'students.write', run: (c, i) => notices.recordNotice(c, i) },
  'notices.report': { access: 'students.personal', run: (c, i) => notices.noticesReport(c, i.classId, i.date) },
};
