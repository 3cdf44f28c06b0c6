import { AppError, type Db } from '../../db/index';
import type { Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import { invalid, notFound } from '../kernel/invalid';
import { getSetting } from '../kernel/settings';
import { ru } from '../contract/rules/dates';
import { parseCellText } from '../contract/rules/cell-text';
import type { OtherJournalApplied, OtherJournalPreview, OtherJournalProblem, OtherJournalSheet } from '../contract/exports';
import { saveCells } from '../journal/cells';
import { saveLessonDetails } from '../journal/lesson-details';
import { readOtherJournal, type FileSheet } from './other-journal-file';

// Marks, absences and topics from another journal's XLSX export (issue 16, part 3). The file is matched to one class:
// sheets to subjects by name, rows to the class's students by name, dates to the class's lessons of the subject. The
// preview runs the whole import through the journal's own write path (saveCells, saveLessonDetails: rights, marks the
// subject allows, locks, dates, the closed year) inside a transaction it rolls back, so what it promises is what the
// journal accepts; apply does the same and commits, all together or nothing.

const norm = (s: string) => s.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** «нб» (and «НБ», «Н») is how many journals write an absence: the grid's «н». */
export function otherJournalCellText(text: string): string {
  return text
    .split('/')
    .map((t) => (/^\s*н\s*б\s*$/i.test(t) ? 'н' : t))
    .join('/');
}

interface Lesson {
  id: number;
  date: string;
  group_id: number | null;
  lesson_number: number;
}

interface Planned {
  preview: OtherJournalPreview;
  /** Cells per journal (group key: «subject:group»). */
  blocks: Map<string, { subjectId: number; groupId: number | null; cells: { lessonId: number; studentId: number; text: string }[] }>;
  topics: { lessonId: number; topic: string }[];
  /** The codes of the journal's refusals: apply answers with the gravest (LOCKED, FORBIDDEN, INVALID). */
  codes: Set<string>;
}

async function plan(ctx: Ctx, classId: number, data: Buffer): Promise<Planned> {
  const cls =
    (await ctx.db
      .selectFrom('class as c')
      .innerJoin('academic_year as y', 'y.id', 'c.year_id')
      .select(['c.id', 'c.name', 'y.start_date', 'y.end_date'])
      .where('c.id', '=', classId)
      .executeTakeFirst()) ?? notFound('Класс');
  const sheets = await readOtherJournal(data, Number(cls.start_date.slice(0, 4)));
  const subjects = await ctx.db.selectFrom('subject').select(['id', 'name', 'short_name', 'grading']).execute();
  const students = await ctx.db
    .selectFrom('enrollment as e')
    .innerJoin('student as s', 's.id', 'e.student_id')
    .select(['s.id', 's.last_name', 's.first_name', 's.middle_name'])
    .where('e.class_id', '=', classId)
    .distinct()
    .execute();
  const byName = new Map<string, number[]>();
  for (const s of students) {
    for (const key of [norm(`${s.last_name} ${s.first_name}`), norm(`${s.last_name} ${s.first_name} ${s.middle_name ?? ''}`)]) {
      const list = byName.get(key) ?? [];
      if (!list.includes(s.id)) list.push(s.id);
      byName.set(key, list);
    }
  }
  const members = await ctx.db
    .selectFrom('group_member as m')
    .innerJoin('study_group as g', 'g.id', 'm.group_id')
    .select(['m.group_id', 'm.student_id', 'm.start_date', 'm.end_date'])
    .where('g.class_id', '=', classId)
    .execute();
  const inGroup = (groupId: number, studentId: number, date: string) =>
    members.some(
      (m) => m.group_id === groupId && m.student_id === studentId && m.start_date <= date && (!m.end_date || m.end_date >= date),
    );
  const plusMinus = await getSetting(ctx.db, 'journal.plusMinus');

  const preview: OtherJournalPreview = {
    className: cls.name,
    sheets: [],
    cells: 0,
    marks: 0,
    absences: 0,
    topics: 0,
    unmatchedSheets: [],
    unmatchedStudents: [],
    unmatchedDates: [],
    invalidCells: [],
    refusals: [],
    ready: false,
  };
  const blocks: Planned['blocks'] = new Map();
  const topics: Planned['topics'] = [];

  for (const sheet of sheets) {
    const subject = subjects.find((s) => norm(s.name) === norm(sheet.name) || norm(s.short_name) === norm(sheet.name));
    if (!subject) {
      preview.unmatchedSheets.push({ sheet: sheet.name, place: 'лист', text: sheet.name, reason: 'Нет такого предмета в школе' });
      continue;
    }
    const summary: OtherJournalSheet = {
      sheet: sheet.name,
      subject: subject.name,
      students: 0,
      dates: 0,
      marks: 0,
      absences: 0,
      topics: 0,
    };
    preview.sheets.push(summary);
    const lessons: Lesson[] = await ctx.db
      .selectFrom('lesson')
      .select(['id', 'date', 'group_id', 'lesson_number'])
      .where('class_id', '=', classId)
      .where('subject_id', '=', subject.id)
      .where('status', '=', 'held')
      .where('date', '>=', cls.start_date)
      .where('date', '<=', cls.end_date)
      .orderBy('date')
      .orderBy('lesson_number')
      .orderBy('id')
      .execute();
    // Each dated column: its date and which of that day's lessons it is (a date written twice is the day's 2nd lesson).
    const seen = new Map<string, number>();
    const columnLessons = new Map<number, Map<number | null, Lesson>>();
    for (const c of sheet.columns) {
      if (!c.date) {
        preview.unmatchedDates.push({ sheet: sheet.name, place: `столбец ${c.letter}`, text: c.text, reason: 'Заголовок не дата' });
        continue;
      }
      const nth = seen.get(c.date) ?? 0;
      seen.set(c.date, nth + 1);
      // The nth lesson of that day for the whole class and for each group.
      const perGroup = new Map<number | null, Lesson>();
      const day = lessons.filter((l) => l.date === c.date);
      for (const g of new Set(day.map((l) => l.group_id))) {
        const l = day.filter((x) => x.group_id === g)[nth];
        if (l) perGroup.set(g, l);
      }
      if (!perGroup.size) {
        preview.unmatchedDates.push({
          sheet: sheet.name,
          place: `столбец ${c.letter}`,
          text: c.text,
          reason: nth
            ? `В этот день нет ${nth + 1}-го урока предмета у класса`
            : `${ru(c.date)} у класса нет урока по предмету «${subject.name}»`,
        });
        continue;
      }
      columnLessons.set(c.col, perGroup);
      summary.dates++;
    }
    for (const [col, t] of sheet.topics) {
      const perGroup = columnLessons.get(col);
      if (!perGroup) continue;
      for (const l of perGroup.values()) topics.push({ lessonId: l.id, topic: t.slice(0, 500) });
      summary.topics++;
    }
    matchRows(sheet, subject, columnLessons, summary);
  }

  function matchRows(
    sheet: FileSheet,
    subject: { id: number; name: string; grading: 'five' | 'pass' | string },
    columnLessons: Map<number, Map<number | null, Lesson>>,
    summary: OtherJournalSheet,
  ) {
    for (const r of sheet.rows) {
      const ids = byName.get(norm(r.name)) ?? [];
      if (ids.length !== 1) {
        preview.unmatchedStudents.push({
          sheet: sheet.name,
          place: `строка ${r.row}`,
          text: r.name,
          reason: ids.length ? 'В классе несколько учеников с таким именем: укажите отчество' : 'Нет такого ученика в классе',
        });
        continue;
      }
      const studentId = ids[0];
      summary.students++;
      for (const [col, raw] of r.cells) {
        const perGroup = columnLessons.get(col);
        if (!perGroup) continue;
        const letter = sheet.columns.find((c) => c.col === col)!.letter;
        const text = otherJournalCellText(raw);
        const parsed = parseCellText(text, { grading: subject.grading as 'five', plusMinus });
        if (!parsed.ok) {
          preview.invalidCells.push({ sheet: sheet.name, place: `${letter}${r.row}`, text: raw, reason: parsed.message });
          continue;
        }
        const lesson = [...perGroup.entries()].find(([g, l]) => g === null || inGroup(g, studentId, l.date))?.[1];
        if (!lesson) {
          preview.invalidCells.push({
            sheet: sheet.name,
            place: `${letter}${r.row}`,
            text: raw,
            reason: `${r.name} не входит в группу этого урока`,
          });
          continue;
        }
        const key = `${subject.id}:${lesson.group_id ?? ''}`;
        const block = blocks.get(key) ?? { subjectId: subject.id, groupId: lesson.group_id, cells: [] };
        block.cells.push({ lessonId: lesson.id, studentId, text });
        blocks.set(key, block);
        preview.cells++;
        summary.marks += parsed.cell.marks.length;
        summary.absences += parsed.cell.absence ? 1 : 0;
      }
    }
  }

  for (const s of preview.sheets) {
    preview.marks += s.marks;
    preview.absences += s.absences;
    preview.topics += s.topics;
  }
  return { preview, blocks, topics, codes: new Set() };
}

/** Thrown to roll the preview's trial write back. */
class TrialOnly extends Error {}

/**
 * Writes the planned cells and topics through the journal's services in one transaction. A refusal of the journal
 * (rights, a closed period, a lesson not held yet, the closed year) is collected; `commit` false rolls back anyway.
 */
async function write(ctx: Ctx, classId: number, p: Planned, commit: boolean): Promise<number> {
  let saved = 0;
  try {
    await mutate(ctx, async (w) => {
      const tctx: Ctx = { ...ctx, db: w.trx as unknown as Db };
      for (const b of p.blocks.values()) {
        for (let i = 0; i < b.cells.length; i += 5000) {
          try {
            const r = await saveCells(tctx, { classId, subjectId: b.subjectId, groupId: b.groupId, cells: b.cells.slice(i, i + 5000) });
            saved += r.saved;
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            p.preview.refusals.push(e.message);
            p.codes.add(e.code);
          }
        }
      }
      for (const t of p.topics) {
        try {
          const l = await tctx.db
            .selectFrom('lesson')
            .select(['topic', 'homework', 'work_kind', 'plan_topic_id'])
            .where('id', '=', t.lessonId)
            .executeTakeFirstOrThrow();
          if (l.topic === t.topic) continue;
          await saveLessonDetails(tctx, {
            lessonId: t.lessonId,
            topic: t.topic,
            homework: l.homework,
            workKind: l.work_kind,
            planTopicId: l.plan_topic_id,
          });
          saved++;
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          p.preview.refusals.push(e.message);
          p.codes.add(e.code);
        }
      }
      p.preview.refusals = [...new Set(p.preview.refusals)];
      p.preview.ready = !p.preview.invalidCells.length && !p.preview.refusals.length && p.preview.cells + p.preview.topics > 0;
      if (!commit || !p.preview.ready) throw new TrialOnly();
    });
  } catch (e) {
    if (!(e instanceof TrialOnly)) throw e;
    return 0;
  }
  return saved;
}

/** What the file would change; nothing is saved. */
export async function previewOtherJournal(
  ctx: Ctx,
  input: { classId: number; file: { name: string; base64: string } },
): Promise<OtherJournalPreview> {
  const p = await plan(ctx, input.classId, decode(input.file));
  await write(ctx, input.classId, p, false);
  return p.preview;
}

/** Saves the file's marks, absences and topics: all of them, or, when anything is refused, nothing. */
export async function applyOtherJournal(
  ctx: Ctx,
  input: { classId: number; file: { name: string; base64: string } },
): Promise<OtherJournalApplied> {
  const p = await plan(ctx, input.classId, decode(input.file));
  const saved = await write(ctx, input.classId, p, true);
  if (!p.preview.ready) {
    const code = ['LOCKED', 'FORBIDDEN'].find((c) => p.codes.has(c));
    if (code) throw new AppError(code as 'LOCKED' | 'FORBIDDEN', ['Ничего не сохранено.', ...problemLines(p.preview)].join('\n'));
    invalid(['Ничего не сохранено: файл нужно исправить', ...problemLines(p.preview)]);
  }
  return { ...p.preview, saved };
}

/** The preview's problems as lines of a message (the first few of each kind). */
export function problemLines(p: OtherJournalPreview): string[] {
  const line = (x: OtherJournalProblem) => `${x.sheet}, ${x.place}: «${x.text}» — ${x.reason}`;
  if (!p.cells && !p.topics && !p.invalidCells.length && !p.refusals.length)
    return ['В файле нет ни одной отметки, пропуска или темы для этого класса'];
  return [...p.invalidCells.slice(0, 5).map(line), ...p.refusals.slice(0, 5)];
}

function decode(file: { name: string; base64: string }): Buffer {
  if (!/^[A-Za-z0-9+/=\r\n]*$/.test(file.base64)) invalid('Файл передан повреждённым');
  return Buffer.from(file.base64, 'base64');
}
