import type { GuardianFields, StudentFields } from '../index';

// Students' personal data (152-FZ): which fields are personal, once for the whole program. Main refuses them to roles
// without «students.personal» (reading, writing, the audit log); the UI uses the same lists to show what a role may edit.

/** What a redacted value reads as, in the audit viewer and its CSV. */
export const REDACTED = 'скрыто';

/** The student's fields that are personal data: everything but the name and gender (the class lists show those). */
export const STUDENT_PERSONAL_FIELDS = [
  'birth_date',
  'citizenship',
  'snils',
  'birth_cert_series',
  'birth_cert_number',
  'passport_series',
  'passport_number',
  'passport_issued',
  'address_registered',
  'address_temporary',
  'address_actual',
  'phone',
  'health_group',
  'pe_group',
  'health_notes',
  'life_situation',
  'personal_file_no',
] as const satisfies readonly (keyof StudentFields)[];

export type StudentPersonalField = (typeof STUDENT_PERSONAL_FIELDS)[number];

/** The student's fields any role with «students.write» may change. */
export const STUDENT_BASIC_FIELDS = [
  'last_name',
  'first_name',
  'middle_name',
  'gender',
] as const satisfies readonly (keyof StudentFields)[];

/** Every guardian field is personal data (names, contacts, workplace): guardians are written as a whole list. */
export const GUARDIAN_FIELDS = [
  'relation',
  'last_name',
  'first_name',
  'middle_name',
  'phone',
  'email',
  'address',
  'workplace',
] as const satisfies readonly (keyof GuardianFields)[];

const personalStudentKeys = new Set<string>(STUDENT_PERSONAL_FIELDS);

export function isStudentPersonalField(key: string): key is StudentPersonalField {
  return personalStudentKeys.has(key);
}

/**
 * Per audited entity, the keys of its before/after values that are personal data. `guardians` (the student's list of
 * guardians) is hidden whole; a parent's notice names the parent and their documents.
 */
export const PERSONAL_AUDIT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  student: [...STUDENT_PERSONAL_FIELDS, 'guardians'],
  guardian_notice: ['guardian_name', 'document', 'note'],
};

function redactTree(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => redactTree(v, keys));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keys.has(k) ? REDACTED : redactTree(v, keys)]));
}

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function auditSubject(entity: string, after: unknown): string {
  if (entity !== 'audit_log' || !after || typeof after !== 'object' || !('entity' in after)) return entity;
  return String((after as { entity: unknown }).entity);
}

/**
 * An audit row's before/after values with personal values replaced by «скрыто», for a reader without the right to
 * them. A voided operation (entity `audit_log`) carries the voided row's values under its own keys: the voided entity,
 * named in `after.entity`, decides.
 */
export function redactAuditObjects<T>(entity: string, before: T, after: T): { before: T; after: T } {
  const fields = PERSONAL_AUDIT_FIELDS[auditSubject(entity, after)];
  if (!fields) return { before, after };
  const keys = new Set(fields);
  return { before: redactTree(before, keys) as T, after: redactTree(after, keys) as T };
}

/** The same for the JSON texts the audit log stores; a text that does not parse is hidden whole. */
export function redactAuditValues(
  entity: string,
  before: string | null,
  after: string | null,
): { before: string | null; after: string | null } {
  const parsedAfter = parse(after);
  if (!PERSONAL_AUDIT_FIELDS[auditSubject(entity, parsedAfter)]) return { before, after };
  const parsedBefore = parse(before);
  const r = redactAuditObjects(entity, parsedBefore, parsedAfter);
  const text = (original: string | null, parsed: unknown, redacted: unknown) =>
    original === null ? null : parsed === undefined ? JSON.stringify(REDACTED) : JSON.stringify(redacted);
  return { before: text(before, parsedBefore, r.before), after: text(after, parsedAfter, r.after) };
}
