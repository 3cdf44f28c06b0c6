import * as control from './control-works';
import * as curriculum from './curriculum';
import * as lessons from './lessons';
import * as load from './load';
import * as plans from './plans';
import * as subCheck from './substitution-check';
import * as subs from './substitutions';
import * as timetable from './timetable';
import type { timetableSchemas } from '../contract/timetable';
import type { AreaHandlers } from '../kernel/env';

// Reading the curriculum, load, timetables, lessons and plans needs 'setup.read' (teachers too); the year's set-up is the
// deputy's ('setup.write'). Timetable changes ('timetable.changes': the administrator, a homeroom teacher for their class)
// and thematic plans ('plans.write': a teacher for their own subject and classes) are scoped in main/school/rights.ts.
export const timetableHandlers: AreaHandlers<keyof typeof timetableSchemas> = {
  'curriculum.get': { access: 'setup.read', run: (c, i) => curriculum.getCurriculum(c, i) },
  'curriculum.save': { access: 'setup.write', run: (c, i) => curriculum.saveCurriculum(c, i) },
  'load.list': { access: 'setup.read', run: (c, i) => load.listLoad(c, i.yearId) },
  'load.save': { access: 'setup.write', run: (c, i) => load.saveLoad(c, i) },
  'load.delete': { access: 'setup.write', run: (c, i) => load.deleteLoad(c, i.id) },
  'load.check': { access: 'setup.read', run: (c, i) => load.checkLoad(c, i.yearId) },
  'qualifications.list': { access: 'setup.read', run: (c) => load.listQualifications(c) },
  'qualifications.set': { access: 'setup.write', run: (c, i) => load.setQualifications(c, i) },
  'timetable.versions': { access: 'setup.read', run: (c, i) => timetable.listVersions(c, i.yearId) },
  'timetable.saveVersion': { access: 'setup.write', run: (c, i) => timetable.saveVersion(c, i) },
  'timetable.deleteVersion': { access: 'setup.write', run: (c, i) => timetable.deleteVersion(c, i.id) },
  'timetable.slots': { access: 'setup.read', run: (c, i) => timetable.listSlots(c, i) },
  'timetable.saveSlot': { access: 'setup.write', run: (c, i) => timetable.saveSlot(c, i) },
  'timetable.deleteSlot': { access: 'setup.write', run: (c, i) => timetable.deleteSlot(c, i.id) },
  'timetable.conflicts': { access: 'setup.read', run: (c, i) => timetable.versionConflicts(c, i.versionId) },
  'timetable.pdf': { access: 'setup.read', run: async (c, i) => (await import('./timetable-pdf')).timetablePdf(c, i) },
  'lessons.generate': { access: 'setup.write', run: (c, i) => lessons.generateLessons(c, i) },
  'lessons.list': { access: 'setup.read', run: (c, i) => lessons.listLessons(c, i) },
  'lessons.hours': { access: 'setup.read', run: (c, i) => lessons.hoursReport(c, i) },
  'subs.substitute': { access: 'timetable.changes', run: (c, i) => subs.substitute(c, i) },
  'subs.cancel': { access: 'timetable.changes', run: (c, i) => subs.cancelLesson(c, i) },
  'subs.move': { access: 'timetable.changes', run: (c, i) => subs.moveLesson(c, i) },
  'subs.list': { access: 'setup.read', run: (c, i) => subs.listSubstitutions(c, i) },
  'subs.report': { access: 'setup.read', run: (c, i) => subs.substitutionReport(c, i) },
  'subs.candidates': { access: 'timetable.changes', run: (c, i) => subCheck.substitutionCandidates(c, i) },
  'subs.check': { access: 'timetable.changes', run: (c, i) => subCheck.checkSubstitution(c, i) },
  'plans.list': { access: 'setup.read', run: (c, i) => plans.listPlans(c, i.yearId) },
  'plans.get': { access: 'setup.read', run: (c, i) => plans.getPlan(c, i.id) },
  'plans.preview': { access: 'plans.write', run: (c, i) => plans.previewPlanFile(c, i.file) },
  'plans.import': { access: 'plans.write', run: (c, i) => plans.importPlan(c, i) },
  'plans.export': { access: 'setup.read', run: (c, i) => plans.exportPlan(c, i) },
  'plans.delete': { access: 'plans.write', run: (c, i) => plans.deletePlan(c, i.id) },
  'control.list': { access: 'setup.read', run: (c, i) => control.listControlWorks(c, i) },
  'control.save': { access: 'setup.write', run: (c, i) => control.saveControlWork(c, i) },
  'control.delete': { access: 'setup.write', run: (c, i) => control.deleteControlWork(c, i.id) },
  'control.check': { access: 'setup.read', run: (c, i) => control.checkControlWorks(c, i.yearId) },
  'control.limits': { access: 'setup.read', run: (c) => control.getLimits(c) },
  'control.setLimits': { access: 'setup.write', run: (c, i) => control.setLimits(c, i) },
};
