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
  'archive', // the archive register: certification of printed documents, acts of destruction, year packages
  'print.subject', // only the journal's pages of the subjects one teaches (seed 004 §3.5)
  'journal.read', // journal grids, homeroom views, student cards (teachers: the classes they teach or lead)
  'journal.write', // marks, absences, topics, homework, period marks (teachers: their own lessons only)
  'journal.unlock', // unlock a period closed by period marks, with a reason
  'journal.inspect', // inspection remarks on keeping a journal: write them, mark them fixed (seed 003 §6.2)
  'settings.write', // the school's rules: entry deadlines, period-mark rules, time zone (security rules: users.manage)
  'archive.lookup', // a former student's final marks of closed years and their certified extract (office, deputy, director)
  'year.council', // the year's checklist, the council's decisions, marks deferred for an ill student
  'year.close', // close a school year (read-only for everyone) and reopen it with a reason
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
    'archive',
    'print.subject',
    'journal.read',
    'journal.unlock',
    'journal.inspect',
    'settings.write',
    'archive.lookup',
    'year.council',
    'year.close',
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
    'archive',
    'print.subject',
    'journal.read',
    'journal.write',
    'journal.unlock',
    'journal.inspect',
    'settings.write',
    'archive.lookup',
    'year.council',
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
    'print.subject',
    'journal.read',
    'journal.write',
    'groups.write',
    'plans.write',
    'timetable.changes',
    'absences.reason',
  ],
  teacher: [
    'setup.read',
    'students.read',
    'print.subject',
    'journal.read',
    'journal.write',
    'groups.write',
    'plans.write',
    'absences.reason',
  ],
  admin: [
    'setup.read',
    'students.read',
    'students.write',
    'users.manage',
    'audit.read',
    'backup.manage',
    'settings.write',
    'groups.write',
    'timetable.changes',
  ],
  office: [
    'setup.read',
    'students.read',
    'students.personal',
    'movement.write',
    'print',
    'print.subject',
    'archive',
    'journal.read',
    'archive.lookup',
  ],
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
