// A small greedy timetable builder for the demo school: places every lesson hour of every class so
// that no teacher, room, class or subgroup is in two places at once, each class's day has no gaps
// ("окна"), and a subject appears at most once a day unless it has more hours than the week has
// days. Not a general solver: enough for a realistic, conflict-free demo timetable.

export interface SchedClass {
  id: number;
  weekDays: number;
  /** Bells by lesson number: minutes since midnight. */
  bells: { number: number; start: number; end: number }[];
  homeRoomId: number | null;
}

export type RoomKind = 'general' | 'gym' | 'computer' | 'workshop';

export interface UnitPart {
  groupId: number | null;
  staffId: number;
  roomKind: RoomKind;
}

/** A subject of a class: `hours` lessons a week, each taught to all parts at once (subgroups split). */
export interface Unit {
  classId: number;
  subjectId: number;
  hours: number;
  parts: UnitPart[];
}

export interface PlacedSlot {
  classId: number;
  groupId: number | null;
  weekday: number;
  lessonNumber: number;
  subjectId: number;
  staffId: number;
  roomId: number;
}

export interface SchedInput {
  classes: SchedClass[];
  units: Unit[];
  rooms: { id: number; kind: RoomKind }[];
  /** A teacher's own room, used when free. */
  teacherRoom: Map<number, number>;
}

type Busy = Map<string, [number, number, number][]>;

function free(busy: Busy, key: string, s: number, e: number, ignore = -1): boolean {
  return !(busy.get(key) ?? []).some(([a, b, id]) => id !== ignore && a < e && s < b);
}

function take(busy: Busy, key: string, s: number, e: number, id: number) {
  const list = busy.get(key) ?? [];
  list.push([s, e, id]);
  busy.set(key, list);
}

function release(busy: Busy, key: string, id: number) {
  busy.set(
    key,
    (busy.get(key) ?? []).filter((x) => x[2] !== id),
  );
}

/** Mulberry32: a tiny seeded generator so that the demo is the same for a seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Busiest weekdays first get the extra lesson (SanPiN: the load peaks on Tuesday–Wednesday). */
const EXTRA_ORDER = [2, 3, 4, 1, 5, 6];

interface Item {
  id: number;
  u: Unit;
  r: number;
  /** Where it stands: day, lesson number, rooms of its parts. */
  at: { d: number; n: number; rooms: number[] } | null;
}

function attempt(input: SchedInput, seed: number): { slots: PlacedSlot[]; unplaced: number; failed: Unit[] } {
  const random = rng(seed);
  const cls = new Map(input.classes.map((c) => [c.id, c]));
  const total = new Map<number, number>();
  for (const u of input.units) total.set(u.classId, (total.get(u.classId) ?? 0) + u.hours);
  const target = new Map<number, number[]>();
  for (const c of input.classes) {
    const h = total.get(c.id) ?? 0;
    const t = Array(8).fill(0);
    for (let d = 1; d <= c.weekDays; d++) t[d] = Math.floor(h / c.weekDays);
    EXTRA_ORDER.filter((d) => d <= c.weekDays)
      .slice(0, h % c.weekDays)
      .forEach((d) => t[d]++);
    target.set(c.id, t);
  }
  const cell = new Map<string, Item>(); // class|day|number → item
  const subjectDay = new Map<string, number>(); // class|subject|day
  const teachers: Busy = new Map();
  const rooms: Busy = new Map();

  // One item per lesson hour; the hardest first: split subjects, special rooms, busiest teachers.
  const teacherHours = new Map<number, number>();
  for (const u of input.units) for (const p of u.parts) teacherHours.set(p.staffId, (teacherHours.get(p.staffId) ?? 0) + u.hours);
  let nextId = 0;
  const items: Item[] = input.units.flatMap((u) => Array.from({ length: u.hours }, () => ({ id: nextId++, u, r: random(), at: null })));
  const weight = (u: Unit) =>
    (u.parts.length > 1 ? 1000 : 0) +
    Math.max(...u.parts.map((p) => teacherHours.get(p.staffId) ?? 0)) +
    (u.parts.some((p) => p.roomKind !== 'general') ? 200 : 0);
  items.sort((a, b) => weight(b.u) - weight(a.u) || a.r - b.r);

  const pickRooms = (u: Unit, c: SchedClass, d: number, s: number, e: number, ignore: number): number[] | null => {
    const chosen: number[] = [];
    for (const part of u.parts) {
      const own = part.roomKind === 'general' ? [input.teacherRoom.get(part.staffId), c.homeRoomId] : [input.teacherRoom.get(part.staffId)];
      let room: number | null = null;
      for (const r of own) if (r && !chosen.includes(r) && free(rooms, `${r}|${d}`, s, e, ignore)) room = room ?? r;
      if (room === null)
        for (const r of input.rooms)
          if (r.kind === part.roomKind && !chosen.includes(r.id) && free(rooms, `${r.id}|${d}`, s, e, ignore)) {
            room = r.id;
            break;
          }
      if (room === null) return null;
      chosen.push(room);
    }
    return chosen;
  };
  /** Rooms for the item at (d, n) if its teachers are free there (ignoring one item being moved away), else null. */
  const fits = (it: Item, d: number, n: number, ignore = -1): number[] | null => {
    const c = cls.get(it.u.classId)!;
    const bell = c.bells.find((b) => b.number === n);
    if (!bell) return null;
    if (!it.u.parts.every((p) => free(teachers, `${p.staffId}|${d}`, bell.start, bell.end, ignore))) return null;
    return pickRooms(it.u, c, d, bell.start, bell.end, ignore);
  };
  const put = (it: Item, d: number, n: number, roomIds: number[]) => {
    const c = cls.get(it.u.classId)!;
    const bell = c.bells.find((b) => b.number === n)!;
    it.u.parts.forEach((p, i) => {
      take(teachers, `${p.staffId}|${d}`, bell.start, bell.end, it.id);
      take(rooms, `${roomIds[i]}|${d}`, bell.start, bell.end, it.id);
    });
    cell.set(`${c.id}|${d}|${n}`, it);
    const k = `${c.id}|${it.u.subjectId}|${d}`;
    subjectDay.set(k, (subjectDay.get(k) ?? 0) + 1);
    it.at = { d, n, rooms: roomIds };
  };
  const lift = (it: Item) => {
    const c = cls.get(it.u.classId)!;
    const { d, n, rooms: roomIds } = it.at!;
    it.u.parts.forEach((p, i) => {
      release(teachers, `${p.staffId}|${d}`, it.id);
      release(rooms, `${roomIds[i]}|${d}`, it.id);
    });
    cell.delete(`${c.id}|${d}|${n}`);
    const k = `${c.id}|${it.u.subjectId}|${d}`;
    subjectDay.set(k, (subjectDay.get(k) ?? 0) - 1);
    it.at = null;
  };
  const subjectOk = (it: Item, d: number, strict: boolean) => {
    const c = cls.get(it.u.classId)!;
    const perDay = it.u.hours > c.weekDays ? 2 : 1;
    return !strict || (subjectDay.get(`${c.id}|${it.u.subjectId}|${d}`) ?? 0) < perDay;
  };
  /** Free cells of the class: within each day's target first (no gaps), then any bell. */
  const freeCells = (c: SchedClass, withinTarget: boolean) => {
    const t = target.get(c.id)!;
    const out: { d: number; n: number; r: number }[] = [];
    for (let d = 1; d <= c.weekDays; d++)
      for (const b of c.bells) {
        if (withinTarget ? b.number > t[d] : b.number <= t[d]) continue;
        if (!cell.has(`${c.id}|${d}|${b.number}`)) out.push({ d, n: b.number, r: random() });
      }
    return out.sort((a, b) => a.r - b.r);
  };

  let unplaced = 0;
  const failed: Unit[] = [];
  for (const it of items) {
    const c = cls.get(it.u.classId)!;
    let placed = false;
    for (const [withinTarget, strict] of [
      [true, true],
      [true, false],
      [false, true],
      [false, false],
    ] as const) {
      for (const { d, n } of freeCells(c, withinTarget)) {
        if (!subjectOk(it, d, strict)) continue;
        const roomIds = fits(it, d, n);
        if (roomIds) {
          put(it, d, n, roomIds);
          placed = true;
          break;
        }
      }
      if (placed) break;
      if (!withinTarget) continue;
      // Repair: take a cell of another item of the class and move that item to a free cell.
      for (const { d, n } of freeCells(c, true)) {
        for (let m = 1; m <= c.bells.length && !placed; m++) {
          for (let dd = 1; dd <= c.weekDays && !placed; dd++) {
            const other = cell.get(`${c.id}|${dd}|${m}`);
            if (!other || other === it || m > target.get(c.id)![dd]) continue;
            const back = other.at!;
            lift(other);
            const mine = subjectOk(it, dd, strict) ? fits(it, dd, m) : null;
            if (mine) {
              put(it, dd, m, mine);
              const theirs = subjectOk(other, d, strict) ? fits(other, d, n) : null;
              if (theirs) {
                put(other, d, n, theirs);
                placed = true;
                break;
              }
              lift(it);
            }
            put(other, back.d, back.n, back.rooms);
          }
        }
        if (placed) break;
      }
      if (placed) break;
    }
    if (!placed) {
      unplaced++;
      failed.push(it.u);
    }
  }
  const slots: PlacedSlot[] = items
    .filter((it) => it.at)
    .flatMap((it) =>
      it.u.parts.map((p, i) => ({
        classId: it.u.classId,
        groupId: p.groupId,
        weekday: it.at!.d,
        lessonNumber: it.at!.n,
        subjectId: it.u.subjectId,
        staffId: p.staffId,
        roomId: it.at!.rooms[i],
      })),
    );
  return { slots, unplaced, failed };
}

/** The first attempt (over seeds) that places every lesson; throws when none does. */
export function buildTimetable(input: SchedInput, seed = 1, attempts = 40): PlacedSlot[] {
  let best = Infinity;
  for (let i = 0; i < attempts; i++) {
    const r = attempt(input, seed + i * 7919);
    if (r.unplaced === 0) return r.slots;
    if (process.env.SJ_DEBUG_SCHED)
      console.error(i, r.unplaced, r.failed.map((u) => `${u.classId}/${u.subjectId}/${u.parts.map((p) => p.staffId).join('+')}`).join(' '));
    best = Math.min(best, r.unplaced);
  }
  throw new Error(`Демонстрационное расписание не сложилось: не хватило места для ${best} уроков`);
}
