import type { DocumentSource, Section } from '../layout/document';
import { ru } from '../../contract/rules/dates';
import type { Sided } from '../layout/page';
import type { AttendanceData, FinalMarksData, JournalData, RemarkLine, SubjectPagesData } from './model';
import {
  certificationSection,
  classTitle,
  contentsSection,
  generalInfoSection,
  healthSection,
  remarksSection,
  titleSection,
  type ContentsEntry,
} from './sections';
import { subjectSection } from './spread';
import { attendanceSection, finalMarksSection } from './summaries';

// The annual class journal in the order of the paper form (DOMAIN.md, "What is printed and kept").

export interface JournalParts {
  subjects: SubjectPagesData[];
  finalMarks: FinalMarksData | null;
  attendance: AttendanceData | null;
  /** The inspection remarks printed on «Замечания по ведению журнала» (none: the page of empty ruled rows). */
  remarks?: RemarkLine[] | null;
}

/** What part of the journal a copy holds (seed 004 §3.3, §3.5): the year (default), one period, one subject. */
export interface JournalScope {
  /** One period of the class's grade: its lessons and mark column, its final marks, its months' absences. */
  period?: { number: number; name: string; start: string; end: string };
  /** Asked for the whole year explicitly: the title says «за учебный год». */
  year?: boolean;
  /** One subject's pages only (with its subgroups): title, contents, the spreads, certification. */
  subject?: { id: number; name: string };
}

/** «за 1 четверть (01.09.2025 – 26.10.2025)», «учебный предмет «Математика», за учебный год»: how the title and certification name a copy. */
export function scopeCaption(scope: JournalScope): string {
  const parts: string[] = [];
  if (scope.subject) parts.push(`учебный предмет «${scope.subject.name}»`);
  if (scope.period) parts.push(`за ${scope.period.name} (${ru(scope.period.start)} – ${ru(scope.period.end)})`);
  else if (scope.year) parts.push('за учебный год');
  return parts.join(', ');
}

/** The parts a copy holds: lessons of its period, its subject's pages, its period's column of final marks. */
export function scopeParts(parts: JournalParts, scope: JournalScope): JournalParts {
  const p = scope.period;
  let subjects = parts.subjects;
  if (scope.subject) subjects = subjects.filter((s) => s.subjectId === scope.subject!.id);
  if (p)
    subjects = subjects.map((s) => ({
      ...s,
      lessons: s.lessons.filter((l) => l.date >= p.start && l.date <= p.end && (!l.summary || l.summaryKey === `p${p.number}`)),
    }));
  let finalMarks = scope.subject ? null : parts.finalMarks;
  if (finalMarks && p) {
    const k = p.number - 1;
    finalMarks = {
      columns: [finalMarks.columns[k] ?? `${p.number}`],
      subjects: finalMarks.subjects.map((s) => ({
        name: s.name,
        marks: Object.fromEntries(Object.entries(s.marks).map(([id, m]) => [id, [m[k] ?? '']])),
      })),
    };
  }
  // a period's copy: the remarks dated within the period
  const remarks = scope.subject ? null : ((parts.remarks ?? null)?.filter((r) => !p || (r.date >= p.start && r.date <= p.end)) ?? null);
  return { subjects, finalMarks, attendance: scope.subject ? null : parts.attendance, remarks };
}

export function journalSource(d: JournalData, all: JournalParts, sided: Sided, scope: JournalScope = {}): DocumentSource {
  const parts = scopeParts(all, scope);
  const caption = scopeCaption(scope);
  const keys = new Set<string>();
  for (const s of parts.subjects) {
    if (keys.has(s.key)) throw new Error(`Повторяющийся ключ предмета «${s.key}»`);
    keys.add(s.key);
  }
  const body: Section[] = [
    ...parts.subjects.map(subjectSection),
    ...(parts.finalMarks ? [finalMarksSection(d, parts.finalMarks)] : []),
    ...(parts.attendance ? [attendanceSection(d, parts.attendance)] : []),
    // a subject's copy holds its pages only; the class's pages are the homeroom teacher's copy
    ...(scope.subject ? [] : [generalInfoSection(d), healthSection(d), remarksSection(parts.remarks ?? [])]),
  ];
  const teachers = new Map(parts.subjects.map((s) => [`subject:${s.key}`, s.teacher]));
  const entries: ContentsEntry[] = body.map((s) => ({ anchor: s.id, title: s.title, teacher: teachers.get(s.id) ?? '' }));
  return {
    title: `Классный журнал ${classTitle(d.cls)} класса, ${d.year.name} учебный год${caption ? `, ${caption}` : ''}`,
    author: d.school.shortName,
    sided,
    sections: [titleSection(d, caption), contentsSection(entries), ...body, certificationSection(d, sided, caption)],
  };
}
