import { AppError } from '../../../db';
import { listAudit } from '../../audit/query';
import { verifyAuditChain } from '../../audit/verify';
import { compromisedOperations, markCompromised, voidCompromised } from '../../auth/compromise';
import * as users from '../../auth/users';
import { systemActor } from '../../core/context';
import { permissionsOf } from '../../core/roles';
import * as bells from '../../services/bells';
import * as catalog from '../../services/catalog';
import * as classes from '../../services/classes';
import * as groups from '../../services/groups';
import * as movement from '../../services/movement';
import * as school from '../../services/school';
import { getSetting } from '../../services/settings';
import * as staff from '../../services/staff';
import { databaseStats } from '../../services/stats';
import * as students from '../../services/students';
import * as years from '../../services/years';
import { PERMISSIONS, ROLE_NAMES } from '../../core/roles';
import type { foundationSchemas } from '../channels/foundation';
import type { AreaHandlers } from '../router';

// One handler per channel (the mapped type Handlers refuses to compile if one is missing),
// each with the access it needs. Scoped rules (a homeroom teacher's own class) live in the services.
export const foundationHandlers: AreaHandlers<keyof typeof foundationSchemas> = {
  'app.info': {
    access: 'public',
    run: async (c) => ({
      version: c.env.version,
      schemaVersion: c.env.raw.pragma('user_version', { simple: true }) as number,
      dbFile: c.env.dbFile,
      runtime: c.env.runtime,
      hasUsers: await users.hasUsers(c.db),
      hasSchool: !!(await school.getSchool(c)),
    }),
  },
  'app.createDemo': {
    access: 'public',
    run: async (c) => {
      // Only a brand-new database: once anyone has an account this door is shut.
      if (await users.hasUsers(c.db)) throw new AppError('FORBIDDEN', 'В базе уже есть пользователи.');
      const { runDemo } = await import('../../demo');
      // Nobody is logged in yet: the demo is written as the system, as the CLI does.
      const r = await runDemo(c.db, c.env.raw, systemActor('первый запуск: демонстрационная школа'));
      return { logins: r.logins, password: r.password };
    },
  },
  'auth.status': { access: 'public', run: async (c) => ({ hasUsers: await users.hasUsers(c.db) }) },
  'auth.setupAdmin': {
    access: 'public',
    run: async (c, i) => {
      await users.setupAdmin({ ...c, actor: { ...c.actor, name: i.login } }, i);
      return users.login(c, c.env.sessions, i);
    },
  },
  'auth.login': { access: 'public', run: (c, i) => users.login(c, c.env.sessions, i) },
  'auth.activate': { access: 'public', run: (c, i) => users.activate(c, c.env.sessions, i) },
  'auth.logout': {
    access: 'session',
    run: async (c) => {
      c.env.sessions.close(c.token);
      return true as const;
    },
  },
  'auth.me': {
    access: 'session',
    run: async (c) => ({
      ...users.publicUser(c.actor),
      permissions: c.actor.system ? [...PERMISSIONS] : [...permissionsOf(c.actor.roles)],
      idleMinutes: await getSetting(c.db, 'auth.idleMinutes'),
      roleNames: ROLE_NAMES,
    }),
  },
  'auth.changePassword': { access: 'session', run: (c, i) => users.changePassword(c, i) },
  'users.list': { access: 'users.manage', run: (c) => users.listUsers(c) },
  'users.create': { access: 'users.manage', run: (c, i) => users.createUser(c, i) },
  'users.setRoles': { access: 'users.manage', run: (c, i) => users.setRoles(c, c.env.sessions, i) },
  'users.resetPassword': { access: 'users.manage', run: (c, i) => users.resetPassword(c, c.env.sessions, i.userId) },
  'users.setDisabled': { access: 'users.manage', run: (c, i) => users.setDisabled(c, c.env.sessions, i) },
  'users.markCompromised': { access: 'users.manage', run: (c, i) => markCompromised(c, c.env.sessions, i.userId, i.since) },
  'users.compromisedOperations': { access: 'users.manage', run: (c, i) => compromisedOperations(c, i.userId) },
  'users.voidCompromised': { access: 'users.manage', run: (c, i) => voidCompromised(c, i.userId) },
  'audit.list': { access: 'audit.read', run: (c, i) => listAudit(c, i) },
  'audit.verify': { access: 'audit.read', run: async (c) => verifyAuditChain(c.env.raw) },

  'school.get': { access: 'session', run: (c) => school.getSchool(c) },
  'school.save': { access: 'setup.write', run: (c, i) => school.saveSchool(c, i) },
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
  'groups.list': { access: 'setup.read', run: (c, i) => groups.listGroups(c, i.classId) },
  'groups.save': { access: 'setup.write', run: (c, i) => groups.saveGroup(c, i) },
  'groups.delete': { access: 'setup.write', run: (c, i) => groups.deleteGroup(c, i.id) },
  'stats.get': { access: 'session', run: (c) => databaseStats(c.db) },
};
