import type { ExportTable } from '../table';
import { classes, groupMembers, groups } from './classes';
import { absences, finalMarks, marks, periodMarks } from './marks';
import { staff, students } from './people';
import { lessons, timetable } from './timetable';

// What a year's export holds, in this order (XLSX sheets, CSV files, JSON properties), and the lists a screen exports.

export const YEAR_TABLES: readonly ExportTable[] = [
  students,
  staff,
  classes,
  groups,
  groupMembers,
  timetable,
  lessons,
  marks,
  absences,
  periodMarks,
  finalMarks,
];

/** The list screens' exports: the screen's rows with the same columns as the year's export. */
export const LIST_TABLES = { students, staff, classes, groups, groupMembers, timetable, lessons } as const;
export type ExportList = keyof typeof LIST_TABLES;
