import type { Role } from './rules/roles';
import type { AuditChange } from './rules/audit-labels';

// What the channels of the application, accounts and the audit log return. Plain camelCase data: the renderer imports
// these types only, and main maps its rows to them.

export interface AppInfo {
  version: string;
  schemaVersion: number;
  dbFile: string;
  runtime: 'electron' | 'browser-host';
  hasUsers: boolean;
  hasSchool: boolean;
}

/** The signed-in person as the renderer sees them. */
export interface PublicUser {
  userId: number | null;
  name: string;
  roles: Role[];
  staffId: number | null;
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
  user: PublicUser;
}

/** An account as the administrator's list shows it (no password or activation hashes). */
export interface UserRow {
  id: number;
  login: string;
  displayName: string;
  staffId: number | null;
  disabled: boolean;
  /** ISO timestamp from which the account's operations are compromised, or null. */
  compromisedAt: string | null;
  createdAt: string;
  lockedUntil: string | null;
  failedAttempts: number;
  /** The user has set a password (not waiting for activation). */
  activated: boolean;
  roles: Role[];
}

/** A new or reset account's one-time activation code. */
export interface ActivationCode {
  id: number;
  activationCode: string;
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

export interface VoidCompromisedResult {
  voided: number;
  skipped: CompromisedOperation[];
}

/** One row of the audit log; `before` and `after` are the JSON texts the chain hashes. */
export interface AuditEntryView {
  id: number;
  at: string;
  userId: number | null;
  /** The name and login recorded with the row: «Соколов Иван Петрович (admin)». */
  actor: string;
  action: string;
  /** In Russian, from main/contract/rules/audit-labels.ts. */
  actionName: string;
  entity: string;
  entityName: string;
  entityId: number | null;
  /** The object by its name (a student, a class, a lesson «Математика, 5А, 06.10.2025, 1 урок»), or null. */
  objectName: string | null;
  classId: number | null;
  className: string | null;
  /** The stored JSON values (personal ones «скрыто» for a reader without the right). */
  before: string | null;
  after: string | null;
  /** The same as people read it: Russian labels, names instead of ids; one line each «поле: было → стало». */
  changes: AuditChange[];
  outcome: string;
  outcomeName: string;
}

export interface AuditPage {
  rows: AuditEntryView[];
  /** How many rows the filter matches in all. */
  total: number;
}

export interface AuditVerifyResult {
  ok: boolean;
  rows: number;
  head: string | null;
  /** The first row whose stored hash or link does not match what it holds. */
  brokenId: number | null;
  /** Every problem found, joined; null when none. */
  problem: string | null;
  problems: string[];
  /** The append-only triggers of audit_log that are gone. */
  missingTriggers: string[];
}

export interface AuditExport {
  name: string;
  base64: string;
}

export interface AccountsOutputs {
  'app.info': AppInfo;
  'auth.status': { hasUsers: boolean };
  'auth.setupAdmin': LoginResult;
  'auth.login': LoginResult;
  'auth.activate': LoginResult;
  'auth.logout': true;
  'auth.me': Me;
  'auth.changePassword': number;
  'users.list': UserRow[];
  'users.create': ActivationCode;
  'users.setRoles': number;
  'users.resetPassword': ActivationCode;
  'users.setDisabled': number;
  'users.markCompromised': number;
  'users.compromisedOperations': CompromisedOperation[];
  'users.voidCompromised': VoidCompromisedResult;
  'audit.list': AuditPage;
  'audit.export': AuditExport;
  'audit.verify': AuditVerifyResult;
  'audit.warning': { warning: string | null };
}
