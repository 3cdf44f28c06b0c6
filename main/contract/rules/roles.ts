// Roles from DOMAIN.md and what each may do. The main process checks these for every call.
export const ROLES = ['director', 'deputy', 'homeroom', 'teacher', 'admin', 'office'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  director: 'Директор',
  deputy: 'Заместитель директора по УВР',
  homeroom: 'Классный руководитель',
  teacher: 'Учитель-предметник',
  admin: 'Администратор журнала',
  office: 'Делопроизводитель',
};

export const PERMISSIONS = [
  'setup.read', // the year's structure, subjects, classes, staff names
  'setup.write', // periods, holidays, bells, subjects, rooms, staff, classes, groups
  'students.read', // names and class lists
  'students.personal', // documents, addresses, health: 152-FZ personal data
  'students.write', // student data and guardians (homeroom: own class only)
  'movement.write', // arrival, transfer, withdrawal with order numbers
  'users.manage',
  'audit.read',
  'backup.manage',
  'print',
  'print.subject', // only the journal's pages of the subjects one teaches (seed 004 §3.5)
  'journal.read', // journal grids, homeroom views, student cards (teachers: the classes they teach or lead)
  'journal.write', // marks, absences, topics, homework, period marks (teachers: their own lessons only)
  'journal.unlock', // unlock a period closed by period marks, with a reason
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  director: [
    'setup.read',
    'setup.write',
    'students.read',
    'students.personal',
    'movement.write',
    'audit.read',
    'print',
    'print.subject',
    'journal.read',
    'journal.unlock',
  ],
  deputy: [
    'setup.read',
    'setup.write',
    'students.read',
    'students.personal',
    'students.write',
    'movement.write',
    'print',
    'print.subject',
    'journal.read',
    'journal.write',
    'journal.unlock',
  ],
  homeroom: [
    'setup.read',
    'students.read',
    'students.personal',
    'students.write',
    'print',
    'print.subject',
    'journal.read',
    'journal.write',
  ],
  teacher: ['setup.read', 'students.read', 'print.subject', 'journal.read', 'journal.write'],
  admin: ['setup.read', 'students.read', 'students.write', 'users.manage', 'audit.read', 'backup.manage'],
  office: ['setup.read', 'students.read', 'students.personal', 'movement.write', 'print', 'print.subject', 'journal.read'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((r) => GRANTS[r]));
}

/** Roles that see and correct every class's journal; the others only the classes they teach or lead. */
export function journalScopeIsWholeSchool(roles: readonly Role[]): boolean {
  return roles.some((r) => r === 'director' || r === 'deputy' || r === 'office');
}

/** Roles whose personal-data access is limited to the classes they lead. */
export function personalScopeIsOwnClass(roles: readonly Role[]): boolean {
  return !roles.some((r) => r === 'director' || r === 'deputy' || r === 'office');
}
