import type { DocumentSource, Section } from '../layout/document';
import type { Sided } from '../layout/page';
import type { AttendanceData, FinalMarksData, JournalData, SubjectPagesData } from './model';
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
}

export function journalSource(d: JournalData, parts: JournalParts, sided: Sided): DocumentSource {
  const keys = new Set<string>();
  for (const s of parts.subjects) {
    if (keys.has(s.key)) throw new Error(`Повторяющийся ключ предмета «${s.key}»`);
    keys.add(s.key);
  }
  const body: Section[] = [
    ...parts.subjects.map(subjectSection),
    ...(parts.finalMarks ? [finalMarksSection(d, parts.finalMarks)] : []),
    ...(parts.attendance ? [attendanceSection(d, parts.attendance)] : []),
    generalInfoSection(d),
    healthSection(d),
    remarksSection(),
  ];
  const teachers = new Map(parts.subjects.map((s) => [`subject:${s.key}`, s.teacher]));
  const entries: ContentsEntry[] = body.map((s) => ({ anchor: s.id, title: s.title, teacher: teachers.get(s.id) ?? '' }));
  return {
    title: `Классный журнал ${classTitle(d.cls)} класса, ${d.year.name} учебный год`,
    author: d.school.shortName,
    sided,
    sections: [titleSection(d), contentsSection(entries), ...body, certificationSection(d, sided)],
  };
}
