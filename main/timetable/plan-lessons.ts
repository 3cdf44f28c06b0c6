import type { GenerationConflictKind } from '../contract/timetable-outputs';
import { weekStart, type StudyDay } from './calendar';

// Pure core of lesson generation: what lessons the timetable asks for, and how to get from the
// lessons a class has to those, without touching any lesson that holds entered data.

export interface SlotLike {
  id: number;
  group_id: number | null;
  weekday: number;
  lesson_number: number;
  subject_id: number;
  staff_id: number;
  room_id: number | null;
}

export interface VersionSlots {
  valid_from: string;
  slots: readonly SlotLike[];
}

/** A lesson the timetable asks for. */
export interface Planned {
  slot_id: number;
  group_id: number | null;
  subject_id: number;
  staff_id: number;
  room_id: number | null;
  date: string;
  lesson_number: number;
  period_id: number;
}

/** A lesson the class already has (origin 'timetable' or 'manual'). */
export interface Existing {
  id: number;
  group_id: number | null;
  subject_id: number;
  staff_id: number;
  room_id: number | null;
  date: string;
  lesson_number: number;
  period_id: number | null;
  slot_id: number | null;
  origin: 'timetable' | 'manual';
  status: 'held' | 'cancelled' | 'moved';
  hasData: boolean;
}

/** Why a lesson with data was kept or a timetable lesson was not created (see the contract's type). */
export type DiffConflictKind = GenerationConflictKind;

export interface DiffConflict {
  kind: DiffConflictKind;
  date: string;
  lesson_number: number;
  subject_id: number;
  group_id: number | null;
  lessonId: number | null;
}

export interface LessonDiff {
  inserts: Planned[];
  /** Lessons without data that move to another date or lesson number of the same week. */
  moves: { id: number; to: Planned }[];
  /** Lessons kept in place whose teacher, room, slot or period changes. */
  updates: { id: number; to: Planned; onlyLinks: boolean }[];
  deletes: number[];
  unchanged: number;
  conflicts: DiffConflict[];
}

/** The version in force on each date: the last one starting on or before it. */
function versionOn(versions: readonly VersionSlots[], date: string): VersionSlots | null {
  let found: VersionSlots | null = null;
  for (const v of versions) if (v.valid_from <= date && (!found || v.valid_from > found.valid_from)) found = v;
  return found;
}

/** Every lesson the timetable asks for on the class's study days, in date and lesson order. */
export function plannedLessons(days: readonly StudyDay[], versions: readonly VersionSlots[]): Planned[] {
  const out: Planned[] = [];
  // Slots by weekday, per version, computed once.
  const byDay = new Map<VersionSlots, Map<number, SlotLike[]>>();
  for (const v of versions) {
    const m = new Map<number, SlotLike[]>();
    for (const s of [...v.slots].sort((a, b) => a.lesson_number - b.lesson_number || (a.group_id ?? 0) - (b.group_id ?? 0))) {
      const list = m.get(s.weekday) ?? [];
      list.push(s);
      m.set(s.weekday, list);
    }
    byDay.set(v, m);
  }
  for (const d of days) {
    const v = versionOn(versions, d.date);
    if (!v) continue;
    for (const s of byDay.get(v)!.get(d.weekday) ?? [])
      out.push({
        slot_id: s.id,
        group_id: s.group_id,
        subject_id: s.subject_id,
        staff_id: s.staff_id,
        room_id: s.room_id,
        date: d.date,
        lesson_number: s.lesson_number,
        period_id: d.periodId,
      });
  }
  return out;
}

const keyOf = (l: { date: string; lesson_number: number; group_id: number | null; subject_id: number }) =>
  `${l.date}|${l.lesson_number}|${l.group_id ?? 0}|${l.subject_id}`;

/** Two lessons of one class at the same time clash unless they are for different groups. */
function clash(a: { group_id: number | null }, b: { group_id: number | null }): boolean {
  return a.group_id === null || b.group_id === null || a.group_id === b.group_id;
}

/**
 * From the lessons a class has to the lessons its timetable asks for. Lessons with data are never
 * deleted, moved or re-assigned to another teacher or room: each such case becomes a conflict.
 * Manual lessons are left alone but occupy their time. Only lessons dated within [from, to]
 * (when given) are considered; the caller passes planned lessons of the same range.
 */
export function diffLessons(existing: readonly Existing[], planned: readonly Planned[]): LessonDiff {
  const diff: LessonDiff = { inserts: [], moves: [], updates: [], deletes: [], unchanged: 0, conflicts: [] };
  const mine = existing.filter((e) => e.origin === 'timetable');
  const byKey = new Map<string, Existing[]>();
  for (const e of mine) {
    const k = keyOf(e);
    const list = byKey.get(k) ?? [];
    list.push(e);
    byKey.set(k, list);
  }
  // Lessons with data first, so that they are the ones matched and kept.
  for (const list of byKey.values()) list.sort((a, b) => Number(b.hasData) - Number(a.hasData) || a.id - b.id);

  const missing: Planned[] = [];
  for (const p of planned) {
    const list = byKey.get(keyOf(p));
    const e = list?.shift();
    if (!e) {
      missing.push(p);
      continue;
    }
    const linksDiffer = e.slot_id !== p.slot_id || e.period_id !== p.period_id;
    const peopleDiffer = e.staff_id !== p.staff_id || e.room_id !== p.room_id;
    if (!linksDiffer && !peopleDiffer) diff.unchanged++;
    else if (!e.hasData) diff.updates.push({ id: e.id, to: p, onlyLinks: false });
    else {
      if (linksDiffer) diff.updates.push({ id: e.id, to: p, onlyLinks: true });
      else diff.unchanged++;
      if (peopleDiffer)
        diff.conflicts.push({
          kind: 'changed-kept',
          date: e.date,
          lesson_number: e.lesson_number,
          subject_id: e.subject_id,
          group_id: e.group_id,
          lessonId: e.id,
        });
    }
  }
  const obsolete = [...byKey.values()].flat();

  // What stays where it is and still takes up the class's time.
  const occupying = new Map<string, Existing[]>();
  const occupy = (e: Existing) => {
    const k = `${e.date}|${e.lesson_number}`;
    const list = occupying.get(k) ?? [];
    list.push(e);
    occupying.set(k, list);
  };
  for (const e of existing) if (e.origin === 'manual' && e.status === 'held') occupy(e);
  for (const e of obsolete)
    if (e.hasData) {
      diff.conflicts.push({
        kind: 'obsolete-kept',
        date: e.date,
        lesson_number: e.lesson_number,
        subject_id: e.subject_id,
        group_id: e.group_id,
        lessonId: e.id,
      });
      if (e.status === 'held') occupy(e);
    }
  const free = missing.filter((p) => {
    const blocker = (occupying.get(`${p.date}|${p.lesson_number}`) ?? []).find((o) => clash(o, p));
    if (blocker)
      diff.conflicts.push({
        kind: 'blocked',
        date: p.date,
        lesson_number: p.lesson_number,
        subject_id: p.subject_id,
        group_id: p.group_id,
        lessonId: blocker.id,
      });
    return !blocker;
  });

  // A lesson without data whose place changed within its week is moved rather than re-created.
  const bucket = (l: { date: string; group_id: number | null; subject_id: number }) =>
    `${weekStart(l.date)}|${l.group_id ?? 0}|${l.subject_id}`;
  const movable = new Map<string, Existing[]>();
  for (const e of obsolete.filter((o) => !o.hasData).sort((a, b) => a.date.localeCompare(b.date) || a.lesson_number - b.lesson_number)) {
    const list = movable.get(bucket(e)) ?? [];
    list.push(e);
    movable.set(bucket(e), list);
  }
  for (const p of free) {
    const e = movable.get(bucket(p))?.shift();
    if (e) diff.moves.push({ id: e.id, to: p });
    else diff.inserts.push(p);
  }
  for (const list of movable.values()) for (const e of list) diff.deletes.push(e.id);
  return diff;
}

// --- thematic plan topics along a class's lessons ---

export interface TopicUnit {
  topicId: number;
  title: string;
}

export interface SequencedLesson {
  id: number;
  date: string;
  lesson_number: number;
  status: 'held' | 'cancelled' | 'moved';
  hasData: boolean;
  plan_topic_id: number | null;
  topic: string;
}

/** A plan's topics, one unit per hour, in order. */
export function topicUnits(topics: readonly { id: number; position: number; title: string; hours: number }[]): TopicUnit[] {
  return [...topics]
    .sort((a, b) => a.position - b.position)
    .flatMap((t) => Array.from({ length: t.hours }, () => ({ topicId: t.id, title: t.title })));
}

/**
 * Topics for one sequence of lessons (a class or group in one subject), in date order: the n-th
 * lesson that takes place gets the n-th hour of the plan. Lessons with data keep what they have but
 * still use up their hour; cancelled and moved-away lessons take no hour.
 * Returns only the lessons whose topic changes.
 */
export function assignTopics(
  lessons: readonly SequencedLesson[],
  units: readonly TopicUnit[],
): { id: number; plan_topic_id: number | null; topic: string }[] {
  const ordered = lessons
    .filter((l) => l.status === 'held')
    .sort((a, b) => a.date.localeCompare(b.date) || a.lesson_number - b.lesson_number || a.id - b.id);
  const changes: { id: number; plan_topic_id: number | null; topic: string }[] = [];
  ordered.forEach((l, i) => {
    if (l.hasData) return;
    const u = units[i];
    const want = u ? { plan_topic_id: u.topicId, topic: u.title } : { plan_topic_id: null, topic: '' };
    if (want.plan_topic_id !== l.plan_topic_id || want.topic !== l.topic) changes.push({ id: l.id, ...want });
  });
  return changes;
}
