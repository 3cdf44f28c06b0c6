import type { TimetableConflictKind } from '../contract/timetable-outputs';

// Pure conflict rules of a weekly timetable. Times come from each class's bell schedule, so a
// first-shift lesson №1 (8:00) and a second-shift lesson №1 (13:30) do not clash.

export interface TimedSlot {
  id: number;
  class_id: number;
  group_id: number | null;
  weekday: number;
  lesson_number: number;
  subject_id: number;
  staff_id: number;
  room_id: number | null;
  /** Minutes since midnight, from the class's bells. */
  start: number;
  end: number;
}

export type ConflictKind = TimetableConflictKind;

export interface SlotConflict {
  kind: ConflictKind;
  weekday: number;
  a: number;
  b: number;
}

export function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * Every pair of slots that cannot happen together: a teacher or a room in two places, a class
 * with two whole-class lessons at once, a subgroup lesson during a whole-class lesson, or two
 * group lessons of one class that share students. `members` maps a group to its students.
 */
export function findConflicts(slots: readonly TimedSlot[], members: ReadonlyMap<number, ReadonlySet<number>>): SlotConflict[] {
  const out: SlotConflict[] = [];
  const byDay = new Map<number, TimedSlot[]>();
  for (const s of slots) {
    const list = byDay.get(s.weekday) ?? [];
    list.push(s);
    byDay.set(s.weekday, list);
  }
  for (const [weekday, list] of byDay) {
    list.sort((x, y) => x.start - y.start || x.id - y.id);
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      for (let j = i + 1; j < list.length && list[j].start < a.end; j++) {
        const b = list[j];
        if (b.end <= a.start) continue;
        if (a.staff_id === b.staff_id) out.push({ kind: 'teacher', weekday, a: a.id, b: b.id });
        if (a.room_id !== null && a.room_id === b.room_id) out.push({ kind: 'room', weekday, a: a.id, b: b.id });
        if (a.class_id !== b.class_id) continue;
        if (a.group_id === null && b.group_id === null) out.push({ kind: 'class', weekday, a: a.id, b: b.id });
        else if (a.group_id === null || b.group_id === null) out.push({ kind: 'subgroup', weekday, a: a.id, b: b.id });
        else if (a.group_id === b.group_id) out.push({ kind: 'class', weekday, a: a.id, b: b.id });
        else if (shareStudents(members.get(a.group_id), members.get(b.group_id))) out.push({ kind: 'students', weekday, a: a.id, b: b.id });
      }
    }
  }
  return out;
}

function shareStudents(x: ReadonlySet<number> | undefined, y: ReadonlySet<number> | undefined): boolean {
  if (!x || !y) return false;
  const [small, big] = x.size < y.size ? [x, y] : [y, x];
  for (const s of small) if (big.has(s)) return true;
  return false;
}

export const CONFLICT_NAMES: Record<ConflictKind, string> = {
  teacher: 'учитель ведёт два урока одновременно',
  room: 'кабинет занят дважды',
  class: 'у класса два урока одновременно',
  subgroup: 'урок подгруппы совпадает с уроком всего класса',
  students: 'у учеников двух групп уроки одновременно',
};

export const WEEKDAYS = ['', 'Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'];
export const WEEKDAYS_SHORT = ['', 'Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'];
