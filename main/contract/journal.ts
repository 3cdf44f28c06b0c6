import { z } from 'zod';
import { id, isoDate, optId, required, text } from './fields';
import type {
  CellHistoryEntry,
  Cell,
  ClassAttendance,
  Correction,
  GridLesson,
  HomeroomView,
  JournalGrid,
  JournalRef,
  PlanTopicOption,
  SavedCells,
  SavedFinals,
  StudentCard,
  YearFinals,
} from './journal-outputs';

// The class journal: grids, cells, lesson details, period and final marks, locks, homeroom views.

const cellText = z.string().max(40, 'Слишком длинная запись для клетки журнала');
const finalKind = z.string().regex(/^(p[1-6]|year|exam|final)$/, 'Неизвестный вид итоговой отметки');
const journalKey = { classId: id, subjectId: id, groupId: optId };

export const journalSchemas = {
  'journal.list': z.object({ yearId: id }),
  'journal.grid': z.object({ ...journalKey, periodId: optId }),
  'journal.saveCell': z.object({
    lessonId: id,
    studentId: id,
    text: cellText,
    /** Work type of each mark, by position; missing: the lesson's default. */
    workTypeIds: z.array(id).max(3).optional(),
    comment: text(300).optional(),
  }),
  /** A pasted block: saved all together or not at all. */
  'journal.saveCells': z.object({
    ...journalKey,
    cells: z
      .array(z.object({ lessonId: id, studentId: id, text: cellText }))
      .min(1)
      .max(5000, 'Вставляемый блок слишком велик'),
  }),
  /** The reason of an absence already in the cell (seed 003 §4.3.8): «н» → «у»/«б» and back; marks stay as they are. */
  'journal.absenceReason': z.object({
    lessonId: id,
    studentId: id,
    absence: z.enum(['н', 'у', 'б'], { message: 'Код пропуска: «н», «у» или «б»' }),
  }),
  'journal.cellHistory': z.object({ lessonId: id, studentId: id }),
  'journal.saveLesson': z.object({ lessonId: id, topic: text(500), homework: text(1000), workKind: text(200), planTopicId: optId }),
  'journal.planTopics': z.object({ lessonId: id }),
  'journal.finals': z.object(journalKey),
  /** Sets marks of one kind for the listed students; they lock the kind (`lock: false` is honoured for the deputy only). */
  'journal.setFinals': z.object({
    ...journalKey,
    kind: finalKind,
    marks: z.array(z.object({ studentId: id, value: z.string().max(10) })).max(60),
    lock: z.boolean().default(true),
  }),
  'journal.unlock': z.object({ lockId: id, reason: required('Причина', 300) }),
  'journal.homeroom': z.object({ classId: id, periodId: optId }),
  'journal.studentCard': z.object({ studentId: id, yearId: optId }),
  'journal.attendance': z.object({ classId: id, from: isoDate('С даты'), to: isoDate('По дату') }),
  'journal.corrections': z.object({ yearId: id, classId: optId, from: isoDate('С даты'), to: isoDate('По дату') }),
} as const;

export interface JournalOutputs {
  'journal.list': JournalRef[];
  'journal.grid': JournalGrid;
  'journal.saveCell': Cell | null;
  'journal.saveCells': SavedCells;
  'journal.absenceReason': Cell | null;
  'journal.cellHistory': CellHistoryEntry[];
  'journal.saveLesson': GridLesson;
  'journal.planTopics': PlanTopicOption[];
  'journal.finals': YearFinals;
  'journal.setFinals': SavedFinals;
  'journal.unlock': true;
  'journal.homeroom': HomeroomView;
  'journal.studentCard': StudentCard;
  'journal.attendance': ClassAttendance;
  'journal.corrections': Correction[];
}
