import type * as auth from '../accounts/users';
import type { verifyAuditChain } from '../kernel/audit-verify';
import type { listAudit } from '../accounts/audit-list';
import type { exportAuditCsv } from '../accounts/audit-export';
import type * as bells from '../school/bells';
import type { BackupOutputs } from './backup';
import type * as catalog from '../school/catalog';
import type * as classes from '../school/classes';
import type * as groups from '../school/groups';
import type * as movement from '../school/movement';
import type * as school from '../school/school';
import type * as staff from '../school/staff';
import type { databaseStats } from '../school/stats';
import type * as students from '../school/students';
import type * as years from '../school/years';
import type { NoticesOutputs } from './notices';
import type { TimetableOutputs } from './timetable';
import type { PrintOutputs } from './printing';
import type { JournalOutputs } from './journal';

type R<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>;

export interface AppInfo {
  version: string;
  schemaVersion: number;
  dbFile: string;
  runtime: 'electron' | 'browser-host';
  hasUsers: boolean;
  hasSchool: boolean;
}

export interface Me {
  userId: number | null;
  name: string;
  roles: string[];
  staffId: number | null;
  permissions: string[];
  idleMinutes: number;
  /** Russian names of every role, so that the renderer needs no value from main. */
  roleNames: Record<string, string>;
}

export interface LoginResult {
  token: string;
  user: ReturnType<typeof auth.publicUser>;
}

/** The output type of every channel; the router's mapped type makes main implement each one. */
export interface Outputs extends TimetableOutputs, NoticesOutputs, PrintOutputs, BackupOutputs, JournalOutputs {
  'app.info': AppInfo;
  'auth.status': { hasUsers: boolean };
  'app.createDemo': { logins: string[]; password: string };
  'auth.setupAdmin': LoginResult;
  'auth.login': LoginResult;
  'auth.activate': LoginResult;
  'auth.logout': true;
  'auth.me': Me;
  'auth.changePassword': number;
  'users.list': R<typeof auth.listUsers>;
  'users.create': R<typeof auth.createUser>;
  'users.setRoles': number;
  'users.resetPassword': R<typeof auth.resetPassword>;
  'users.setDisabled': number;
  'users.markCompromised': number;
  'users.compromisedOperations': CompromisedOperation[];
  'users.voidCompromised': { voided: number; skipped: CompromisedOperation[] };
  'audit.list': R<typeof listAudit>;
  'audit.export': R<typeof exportAuditCsv>;
  'audit.verify': ReturnType<typeof verifyAuditChain>;
  'audit.warning': { warning: string | null };
  'school.get': R<typeof school.getSchool>;
  'school.save': number;
  'years.list': R<typeof years.listYears>;
  'years.save': number;
  'schemes.list': R<typeof years.listSchemes>;
  'schemes.save': number;
  'schemes.delete': number;
  'holidays.list': R<typeof years.listHolidays>;
  'holidays.save': number;
  'holidays.delete': number;
  'bells.list': R<typeof bells.listBellSchedules>;
  'bells.save': number;
  'subjects.list': R<typeof catalog.listSubjects>;
  'subjects.save': number;
  'rooms.list': R<typeof catalog.listRooms>;
  'rooms.save': number;
  'staff.list': R<typeof staff.listStaff>;
  'staff.save': number;
  'classes.list': R<typeof classes.listClasses>;
  'classes.save': number;
  'students.list': R<typeof students.listStudents>;
  'students.get': R<typeof students.getStudent>;
  'students.create': number;
  'students.update': number;
  'movement.history': R<typeof movement.movementHistory>;
  'movement.transfer': number;
  'movement.withdraw': number;
  'movement.arrive': number;
  'groups.list': R<typeof groups.listGroups>;
  'groups.save': number;
  'groups.delete': number;
  'stats.get': R<typeof databaseStats>;
}

export interface CompromisedOperation {
  auditId: number;
  at: string;
  action: string;
  entity: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
  voidable: boolean;
  /** What was changed, in words, where the capability describes it. */
  details: string;
}
