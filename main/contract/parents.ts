import { z } from 'zod';
import { id, isoDate, required } from './fields';

// Channels of paper for parents (issue 13): extracts from the journal for one student or a class, the weekly batch for
// the parents who chose paper, the register of printed extracts and their hand-over.

const EXTRACT_FORMATS = ['pdf', 'docx'] as const;
export type ExtractFormat = (typeof EXTRACT_FORMATS)[number];

const span = { from: isoDate('С'), to: isoDate('По') };

export const parentsSchemas = {
  /** The week of `date`: who chose paper, who has not received this week's extract. */
  'parents.weekly': z.object({ classId: id, date: isoDate('Дата') }),
  /** Extracts of one student, some students or (no studentIds) the whole class, as a file; each is registered. */
  'parents.extractFile': z
    .object({
      classId: id,
      studentIds: z.array(id).max(100).optional(),
      ...span,
      homework: z.boolean().default(false),
      format: z.enum(EXTRACT_FORMATS, { message: 'Формат: pdf или docx' }).default('pdf'),
    })
    .refine((v) => v.from <= v.to, { message: 'Начало периода позже его конца', path: ['from'] }),
  /** The weekly batch: this week's extracts of every student whose parents chose paper, one PDF. */
  'parents.weeklyFile': z.object({ classId: id, date: isoDate('Дата') }),
  'parents.register': z.object({ classId: id, from: isoDate('С').optional(), to: isoDate('По').optional() }),
  'parents.registerFile': z.object({ classId: id, ...span }),
  /** Notices to parents about students at risk of «2» / «н/а» for the period, or with unexcused absences. */
  'parents.noticesFile': z.object({ classId: id, date: isoDate('Дата'), unexcused: z.number().int().min(1).max(500).optional() }),
  'parents.handOver': z.object({ extractId: id, handedAt: isoDate('Дата выдачи'), handedTo: required('Кому выдана', 200) }),
} as const;

export interface PaperStudent {
  studentId: number;
  name: string;
  /** The guardians whose choice of paper is in force. */
  guardians: string[];
}

export interface WeeklyState {
  /** The batch's span: the week's Monday to the date. */
  from: string;
  to: string;
  paper: PaperStudent[];
  /** Paper-choice students with no extract for this week handed over; `printed`: one was printed, not yet handed. */
  notReceived: (PaperStudent & { printed: boolean })[];
}

export interface ExtractRegisterRow {
  id: number;
  studentId: number;
  classId: number;
  /** An extract, or a notice about a risk of «2» / «н/а» or unexcused absences. */
  kind: 'extract' | 'notice';
  studentName: string;
  from: string;
  to: string;
  printedAt: string;
  printedBy: string;
  sha256: string;
  pages: number;
  handedAt: string | null;
  handedTo: string;
  handedRecordedBy: string | null;
}

export interface ParentsFile {
  name: string;
  mime: string;
  base64: string;
  pages: number;
  /** Students whose extracts are in the file. */
  students: number;
  sha256: string;
}

export interface ParentsOutputs {
  'parents.weekly': WeeklyState;
  'parents.extractFile': ParentsFile;
  'parents.weeklyFile': ParentsFile;
  'parents.register': ExtractRegisterRow[];
  'parents.registerFile': ParentsFile;
  'parents.noticesFile': ParentsFile;
  'parents.handOver': ExtractRegisterRow;
}
