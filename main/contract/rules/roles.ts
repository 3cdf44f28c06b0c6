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
  'journal.read', // journal grids, homeroom views, student cards (teachers: the classes they teach or lead)
  'journal.write', // marks, absences, topics, homework, period marks (teachers: their own lessons only)
  'journal.unlock', // unlock a period closed by period marks, with a reason
  // Scoped rights from the seeds; main checks the scope against the data (main/school/rights.ts):
  'groups.write', // a class's groups and their lists (homeroom: own class; teacher: own subject's groups there; admin: moves)
  'plans.write', // thematic plans (teachers: their own subject in the classes they teach)
  'timetable.changes', // substitutions, cancellations, moves (homeroom: own class)
  'absences.reason', // «н» → «у»/«б» when a note arrives (homeroom: own class; teacher: own lessons)
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
    'journal.read',
    'journal.unlock',
    'groups.write',
    'plans.write',
    'timetable.changes',
  ],
  deputy: [
    'setup.read',
    'setup.write',
    'students.read',
    'students.personal',
    'students.write',
    'movement.write',
    'print',
    'journal.read',
    'journal.write',
    'journal.unlock',
    'groups.write',
    'plans.write',
    'timetable.changes',
    'absences.reason',
  ],
  homeroom: [
    'setup.read',
    'students.read',
    'students.personal',
    'students.write',
    'print',
    'journal.read',
    'journal.write',
    'groups.write',
    'plans.write',
    'timetable.changes',
    'absences.reason',
  ],
  teacher: ['setup.read', 'students.read', 'journal.read', 'journal.write', 'groups.write', 'plans.write', 'absences.reason'],
  admin: [
    'setup.read',
    'students.read',
    'students.write',
    'users.manage',
    'audit.read',
    'backup.manage',
    'groups.write',
    'timetable.changes',
  ],
  office: ['setup.read', 'students.read', 'students.personal', 'movement.write', 'print', 'journal.read'],
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
