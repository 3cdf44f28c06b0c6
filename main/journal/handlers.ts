import * as cells from './cells';
import { correctionsReport } from './corrections';
import * as finals from './final-marks';
import * as grid from './grid';
import * as homeroom from './homeroom';
import * as lessons from './lesson-details';
import type { journalSchemas } from '../contract/journal';
import type { AreaHandlers } from '../kernel/env';

// The permission is checked here; which classes and lessons the caller may read or change (a teacher: the ones they
// teach; a homeroom teacher: also their class, read-only) is checked in main/journal/access.ts.
export const journalHandlers: AreaHandlers<keyof typeof journalSchemas> = {
  'journal.list': { access: 'journal.read', run: (c, i) => grid.listJournals(c, i.yearId) },
  'journal.grid': { access: 'journal.read', run: (c, i) => grid.loadGrid(c, i) },
  'journal.saveCell': { access: 'journal.write', run: (c, i) => cells.saveCell(c, i) },
  'journal.saveCells': { access: 'journal.write', run: (c, i) => cells.saveCells(c, i) },
  'journal.absenceReason': { access: 'absences.reason', run: (c, i) => cells.setAbsenceReason(c, i) },
  'journal.cellHistory': { access: 'journal.read', run: (c, i) => cells.cellHistory(c, i.lessonId, i.studentId) },
  'journal.saveLesson': { access: 'journal.write', run: (c, i) => lessons.saveLessonDetails(c, i) },
  'journal.planTopics': { access: 'journal.read', run: (c, i) => lessons.planTopicsFor(c, i.lessonId) },
  'journal.finals': { access: 'journal.read', run: (c, i) => finals.loadFinals(c, i) },
  'journal.setFinals': { access: 'journal.write', run: (c, i) => finals.setFinals(c, i) },
  'journal.unlock': { access: 'journal.unlock', run: (c, i) => finals.unlock(c, i.lockId, i.reason) },
  'journal.homeroom': { access: 'journal.read', run: (c, i) => homeroom.homeroomView(c, i) },
  'journal.studentCard': { access: 'journal.read', run: (c, i) => homeroom.studentCard(c, i) },
  'journal.attendance': { access: 'journal.read', run: (c, i) => homeroom.classAttendance(c, i) },
  // The deputy's and the director's report, like unlocking.
  'journal.corrections': { access: 'journal.unlock', run: (c, i) => correctionsReport(c, i) },
};
