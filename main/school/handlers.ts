import type { schoolSchemas } from '../contract/school';
import type { settingsSchemas } from '../contract/settings';
import type { AreaHandlers } from '../kernel/env';
import * as bells from './bells';
import * as catalog from './catalog';
import * as classes from './classes';
import * as groups from './groups';
import * as movement from './movement';
import * as notices from './notices';
import * as checks from './personal-checks';
import * as school from './school';
import * as settings from './settings';
import * as staff from './staff';
import { databaseStats } from './stats';
import * as students from './students';
import * as years from './years';

// One handler per channel, each with the access it needs. Scoped rules (a homeroom teacher's own class) live in the
// services.
export const schoolHandlers: AreaHandlers<keyof typeof schoolSchemas | keyof typeof settingsSchemas> = {
  'school.get': { access: 'session', run: (c) => school.getSchool(c) },
  'school.save': { access: 'setup.write', run: (c, i) => school.saveSchool(c, i) },
  // every signed-in user works by the school's day (the year to open with, the journal's column, the notices' date)
  'school.clock': { access: 'session', run: (c) => school.schoolClock(c) },
  // Everyone works by these rules and may read them; who may change each one is the setting's own (the service).
  'settings.list': { access: 'session', run: (c) => settings.listSettings(c) },
  'settings.save': { access: 'session', run: (c, i) => settings.saveSetting(c, i) },
  'years.list': { access: 'setup.read', run: (c) => years.listYears(c) },
  'years.save': { access: 'setup.write', run: (c, i) => years.saveYear(c, i) },
  'schemes.list': { access: 'setup.read', run: (c, i) => years.listSchemes(c, i.yearId) },
  'schemes.save': { access: 'setup.write', run: (c, i) => years.saveScheme(c, i) },
  'schemes.delete': { access: 'setup.write', run: (c, i) => years.deleteScheme(c, i.id) },
  'holidays.list': { access: 'setup.read', run: (c, i) => years.listHolidays(c, i.yearId) },
  'holidays.save': { access: 'setup.write', run: (c, i) => years.saveHoliday(c, i) },
  'holidays.delete': { access: 'setup.write', run: (c, i) => years.deleteHoliday(c, i.id) },
  'bells.list': { access: 'setup.read', run: (c, i) => bells.listBellSchedules(c, i.yearId) },
  'bells.save': { access: 'setup.write', run: (c, i) => bells.saveBellSchedule(c, i) },
  'subjects.list': { access: 'setup.read', run: (c) => catalog.listSubjects(c) },
  'subjects.save': { access: 'setup.write', run: (c, i) => catalog.saveSubject(c, i) },
  'rooms.list': { access: 'setup.read', run: (c) => catalog.listRooms(c) },
  'rooms.save': { access: 'setup.write', run: (c, i) => catalog.saveRoom(c, i) },
  'staff.list': { access: 'setup.read', run: (c) => staff.listStaff(c) },
  'staff.save': { access: 'setup.write', run: (c, i) => staff.saveStaff(c, i) },
  'classes.list': { access: 'setup.read', run: (c, i) => classes.listClasses(c, i.yearId) },
  'classes.save': { access: 'setup.write', run: (c, i) => classes.saveClass(c, i) },
  'students.list': { access: 'students.read', run: (c, i) => students.listStudents(c, i) },
  'students.get': { access: 'students.read', run: (c, i) => students.getStudent(c, i.id, i.withPersonal) },
  'students.create': { access: 'students.write', run: (c, i) => students.createStudent(c, i) },
  'students.update': { access: 'students.write', run: (c, i) => students.updateStudent(c, i) },
  'movement.history': { access: 'students.read', run: (c, i) => movement.movementHistory(c, i.studentId) },
  'movement.transfer': { access: 'movement.write', run: (c, i) => movement.transferStudent(c, i) },
  'movement.withdraw': { access: 'movement.write', run: (c, i) => movement.withdrawStudent(c, i) },
  'movement.arrive': { access: 'movement.write', run: (c, i) => movement.arriveStudent(c, i) },
  'groups.list': { access: 'setup.read', run: (c, i) => groups.listGroups(c, i.classId, i.date) },
  'groups.save': { access: 'groups.write', run: (c, i) => groups.saveGroup(c, i) },
  'groups.delete': { access: 'groups.write', run: (c, i) => groups.deleteGroup(c, i.id) },
  'stats.get': { access: 'session', run: (c) => databaseStats(c.db) },
  'notices.list': { access: 'students.personal', run: (c, i) => notices.listNotices(c, i.studentId) },
  'notices.record': { access: 'students.write', run: (c, i) => notices.recordNotice(c, i) },
  'notices.report': { access: 'students.personal', run: (c, i) => notices.noticesReport(c, i.classId, i.date) },
  // The social pedagogue may hold any role: the scope (named staff member, administration, own class) is checked inside.
  'notices.refusals': { access: 'students.read', run: (c, i) => notices.refusals(c, i.date) },
  'notices.socialPedagogue': { access: 'setup.read', run: (c) => notices.socialPedagogue(c) },
  'notices.setSocialPedagogue': { access: 'setup.write', run: (c, i) => notices.setSocialPedagogue(c, i.staffId) },
  'students.checks': { access: 'students.personal', run: (c, i) => checks.personalChecks(c, i.classId) },
  'students.markChecked': { access: 'students.write', run: (c, i) => checks.markChecked(c, i) },
  'students.checkReminders': { access: 'students.read', run: (c) => checks.checkReminders(c) },
};
