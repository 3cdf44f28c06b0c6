import type { Db } from '../../db/index';
import { auditValueText, fieldName, fieldValueText, type AuditChange } from '../contract/rules/audit-labels';
import { REDACTED } from '../contract/rules/personal';

// Names instead of ids for the audit viewer and its exports: the object a row is about, its class, and the ids inside
// its before/after values (students, staff, subjects, classes, groups…), looked up in batches for a page of rows.

type Kind = 'student' | 'staff' | 'subject' | 'class' | 'group' | 'room' | 'year' | 'user' | 'workType' | 'bells' | 'lesson' | 'plan';

/** Which keys of the before/after values hold ids of what. */
const KEY_KIND: Record<string, Kind> = {
  studentId: 'student',
  student_id: 'student',
  studentIds: 'student',
  staffId: 'staff',
  staff_id: 'staff',
  homeroom_staff_id: 'staff',
  substitute_staff_id: 'staff',
  subjectId: 'subject',
  subject_id: 'subject',
  classId: 'class',
  class_id: 'class',
  from_class_id: 'class',
  to_class_id: 'class',
  groupId: 'group',
  group_id: 'group',
  fromGroupId: 'group',
  roomId: 'room',
  room_id: 'room',
  yearId: 'year',
  year_id: 'year',
  userId: 'user',
  user_id: 'user',
  workTypes: 'workType',
  work_type_id: 'workType',
  bell_schedule_id: 'bells',
  schedule_id: 'bells',
  lessonId: 'lesson',
  lesson_id: 'lesson',
  new_lesson_id: 'lesson',
  newLessonId: 'lesson',
  plan_id: 'plan',
};

/** The object of a row by its entity: `entity_id` of a journal cell is its lesson. */
const ENTITY_KIND: Record<string, Kind> = {
  student: 'student',
  staff: 'staff',
  subject: 'subject',
  class: 'class',
  study_group: 'group',
  room: 'room',
  academic_year: 'year',
  app_user: 'user',
  bell_schedule: 'bells',
  lesson: 'lesson',
  journal_cell: 'lesson',
  thematic_plan: 'plan',
};

/** Never shown: secrets' hashes and the chain's own fields. */
const HIDDEN_KEYS = new Set(['password_hash', 'activation_hash', 'hash', 'prev_hash']);

export interface RowDescription {
  objectName: string | null;
  className: string | null;
  changes: AuditChange[];
}

interface Row {
  entity: string;
  entity_id: number | null;
  class_id: number | null;
  before: string | null;
  after: string | null;
}

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

type Ids = Record<Kind, Set<number>>;
type Names = Record<Kind, Map<number, string>>;
const KINDS: Kind[] = ['student', 'staff', 'subject', 'class', 'group', 'room', 'year', 'user', 'workType', 'bells', 'lesson', 'plan'];
const emptyIds = (): Ids => Object.fromEntries(KINDS.map((k) => [k, new Set<number>()])) as Ids;

function collect(value: unknown, key: string | null, ids: Ids): void {
  const kind = key ? KEY_KIND[key] : undefined;
  if (kind && typeof value === 'number') ids[kind].add(value);
  else if (Array.isArray(value)) for (const v of value) collect(v, key, ids);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, k, ids);
}

/** Rows of `ids` in chunks: SQLite limits the number of bound values. */
async function chunked<T>(ids: Set<number>, load: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const all = [...ids];
  const out: T[] = [];
  for (let i = 0; i < all.length; i += 500) out.push(...(await load(all.slice(i, i + 500))));
  return out;
}

const ru = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

async function lookUp(db: Db, ids: Ids): Promise<Names> {
  const names = Object.fromEntries(KINDS.map((k) => [k, new Map<number, string>()])) as Names;
  const put = (kind: Kind, rows: { id: number; n: string }[]) => rows.forEach((r) => names[kind].set(r.id, r.n));
  const person = (r: { id: number; last_name: string; first_name: string; middle_name: string }) => ({
    id: r.id,
    n: [r.last_name, r.first_name, r.middle_name].filter(Boolean).join(' '),
  });
  put(
    'student',
    (
      await chunked(ids.student, (c) =>
        db.selectFrom('student').select(['id', 'last_name', 'first_name', 'middle_name']).where('id', 'in', c).execute(),
      )
    ).map(person),
  );
  put(
    'staff',
    (
      await chunked(ids.staff, (c) =>
        db.selectFrom('staff').select(['id', 'last_name', 'first_name', 'middle_name']).where('id', 'in', c).execute(),
      )
    ).map(person),
  );
  put('subject', await chunked(ids.subject, (c) => db.selectFrom('subject').select(['id', 'name as n']).where('id', 'in', c).execute()));
  put('class', await chunked(ids.class, (c) => db.selectFrom('class').select(['id', 'name as n']).where('id', 'in', c).execute()));
  put(
    'group',
    (
      await chunked(ids.group, (c) =>
        db
          .selectFrom('study_group as g')
          .innerJoin('class as c', 'c.id', 'g.class_id')
          .select(['g.id', 'g.name', 'c.name as cls'])
          .where('g.id', 'in', c)
          .execute(),
      )
    ).map((r) => ({ id: r.id, n: `${r.name} (${r.cls})` })),
  );
  put(
    'room',
    (await chunked(ids.room, (c) => db.selectFrom('room').select(['id', 'number', 'name']).where('id', 'in', c).execute())).map((r) => ({
      id: r.id,
      n: `каб. ${r.number}${r.name ? ` «${r.name}»` : ''}`,
    })),
  );
  put('year', await chunked(ids.year, (c) => db.selectFrom('academic_year').select(['id', 'name as n']).where('id', 'in', c).execute()));
  put(
    'user',
    (await chunked(ids.user, (c) => db.selectFrom('app_user').select(['id', 'display_name', 'login']).where('id', 'in', c).execute())).map(
      (r) => ({ id: r.id, n: `${r.display_name} (${r.login})` }),
    ),
  );
  put(
    'workType',
    await chunked(ids.workType, (c) => db.selectFrom('work_type').select(['id', 'name as n']).where('id', 'in', c).execute()),
  );
  put('bells', await chunked(ids.bells, (c) => db.selectFrom('bell_schedule').select(['id', 'name as n']).where('id', 'in', c).execute()));
  put(
    'lesson',
    (
      await chunked(ids.lesson, (c) =>
        db
          .selectFrom('lesson as l')
          .innerJoin('class as c', 'c.id', 'l.class_id')
          .innerJoin('subject as s', 's.id', 'l.subject_id')
          .leftJoin('study_group as g', 'g.id', 'l.group_id')
          .select(['l.id', 'l.date', 'l.lesson_number', 'c.name as cls', 's.name as subject', 'g.name as grp'])
          .where('l.id', 'in', c)
          .execute(),
      )
    ).map((r) => ({
      id: r.id,
      n: `${r.subject}, ${r.cls}${r.grp ? ` (${r.grp})` : ''}, ${ru(r.date)}, ${r.lesson_number} урок`,
    })),
  );
  put('plan', await chunked(ids.plan, (c) => db.selectFrom('thematic_plan').select(['id', 'name as n']).where('id', 'in', c).execute()));
  return names;
}

/** The value with its ids replaced by names (an id no longer in the base reads «№ 12»). */
function named(value: unknown, key: string | null, names: Names): unknown {
  const kind = key ? KEY_KIND[key] : undefined;
  if (kind && typeof value === 'number') return names[kind].get(value) ?? `№ ${value}`;
  if (Array.isArray(value)) return value.map((v) => named(v, key, names));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !HIDDEN_KEYS.has(k))
        .map(([k, v]) => [k, named(v, k, names)]),
    );
  return value;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The readable list of what changed: every field of a created or removed object, the differing ones of a change. */
export function changesOf(before: unknown, after: unknown, raw?: { before: unknown; after: unknown }): AuditChange[] {
  if (before === null && after === null) return [];
  if (!isRecord(before) && !isRecord(after)) {
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    return [{ field: 'значение', before: before === null ? null : auditValueText(before), after: auditValueText(after) }];
  }
  const b = isRecord(before) ? before : null;
  const a = isRecord(after) ? after : null;
  // a whole side redacted («скрыто») or not an object: one line for it
  if ((before !== null && !b) || (after !== null && !a))
    return [
      {
        field: 'значение',
        before: before === null ? null : before === REDACTED ? REDACTED : auditValueText(before),
        after: after === null ? null : after === REDACTED ? REDACTED : auditValueText(after),
      },
    ];
  // a change lists what the write set: a key only in the stored «before» (its id, its columns not written) is context
  const keys = [...new Set([...Object.keys(a ?? {}), ...(a ? [] : Object.keys(b ?? {}))])].filter((k) => !HIDDEN_KEYS.has(k));
  const out: AuditChange[] = [];
  for (const k of keys) {
    const was = b ? b[k] : undefined;
    const now = a ? a[k] : undefined;
    // a redacted field reads «скрыто» on both sides: whether it changed is judged on the stored values
    const rb = raw && isRecord(raw.before) ? raw.before[k] : was;
    const ra = raw && isRecord(raw.after) ? raw.after[k] : now;
    if (b && a && JSON.stringify(rb) === JSON.stringify(ra)) continue;
    out.push({
      field: fieldName(k),
      before: b === null ? null : fieldValueText(k, was),
      after: a === null ? null : fieldValueText(k, now),
    });
  }
  return out;
}

/** For each row, in order: the object's name, the class's name and the readable changes. */
export async function describeRows(db: Db, rows: readonly Row[], stored: readonly Row[] = rows): Promise<RowDescription[]> {
  const ids = emptyIds();
  const parsed = rows.map((r) => ({ before: parse(r.before), after: parse(r.after) }));
  rows.forEach((r, i) => {
    const kind = ENTITY_KIND[r.entity];
    if (kind && r.entity_id !== null) ids[kind].add(r.entity_id);
    if (r.class_id !== null) ids.class.add(r.class_id);
    collect(parsed[i].before, null, ids);
    collect(parsed[i].after, null, ids);
  });
  const names = await lookUp(db, ids);
  return rows.map((r, i) => {
    const kind = ENTITY_KIND[r.entity];
    const before = named(parsed[i].before, null, names);
    const after = named(parsed[i].after, null, names);
    let objectName =
      kind && r.entity_id !== null
        ? (names[kind].get(r.entity_id) ?? `№ ${r.entity_id}`)
        : r.entity_id !== null
          ? `№ ${r.entity_id}`
          : null;
    // a journal cell or a final mark is about one student of the lesson or journal
    const student = [parsed[i].after, parsed[i].before].find((v) => isRecord(v) && typeof v.studentId === 'number') as
      { studentId: number } | undefined;
    if (student && r.entity !== 'student') {
      const s = names.student.get(student.studentId) ?? `№ ${student.studentId}`;
      objectName = objectName ? `${objectName} — ${s}` : s;
    }
    return {
      objectName,
      className: r.class_id !== null ? (names.class.get(r.class_id) ?? `№ ${r.class_id}`) : null,
      changes: changesOf(before, after, { before: parse(stored[i].before), after: parse(stored[i].after) }),
    };
  });
}
