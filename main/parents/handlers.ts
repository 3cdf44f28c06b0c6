import type { parentsSchemas } from '../contract/parents';
import type { AreaHandlers } from '../kernel/env';
import { classRegister, recordHandOver, weeklyState } from './register';
import { extractFile, noticesFile, registerFile, weeklyFile } from './service';

// Paper for parents. Reading needs «journal.read», printing «print»; the services check the class: its homeroom
// teacher, a deputy, the director or the office (main/journal/access.ts); the hand-over only the homeroom teacher.
export const parentsHandlers: AreaHandlers<keyof typeof parentsSchemas> = {
  'parents.weekly': { access: 'journal.read', run: (c, i) => weeklyState(c, i.classId, i.date) },
  'parents.extractFile': {
    access: 'print',
    run: (c, i) =>
      extractFile(c, { classId: i.classId, studentIds: i.studentIds, span: { from: i.from, to: i.to }, homework: i.homework }, i.format),
  },
  'parents.weeklyFile': { access: 'print', run: (c, i) => weeklyFile(c, i.classId, i.date) },
  'parents.register': { access: 'journal.read', run: (c, i) => classRegister(c, i.classId, { from: i.from, to: i.to }) },
  'parents.registerFile': { access: 'print', run: (c, i) => registerFile(c, i.classId, { from: i.from, to: i.to }) },
  'parents.noticesFile': { access: 'print', run: (c, i) => noticesFile(c, i.classId, i.date, { unexcused: i.unexcused }) },
  'parents.handOver': { access: 'journal.write', run: (c, i) => recordHandOver(c, i) },
};
