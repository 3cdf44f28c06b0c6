import { z } from 'zod';
import { backupSchemas, type BackupOutputs } from './backup';
import { demoSchemas, type DemoOutputs } from './demo';
import { accountsSchemas } from './accounts';
import type { AccountsOutputs } from './accounts-outputs';
import { schoolSchemas, type guardianFields, type studentFields } from './school';
import type { SchoolOutputs } from './school-outputs';
import { timetableSchemas, type TimetableOutputs } from './timetable';
import { printSchemas, type PrintOutputs } from './printing';
import { journalSchemas, type JournalOutputs } from './journal';
import { parentsSchemas, type ParentsOutputs } from './parents';
import { settingsSchemas, type SettingsOutputs } from './settings';
import { controlSchemas, type ControlOutputs } from './control';
import { controlProblemsSchemas, type ControlProblemsOutputs } from './control-problems';
import { monitoringSchemas, type MonitoringOutputs } from './control-monitoring';
import { controlWeeklySchemas, type ControlWeeklyOutputs } from './control-weekly';
import { lookupSchemas, type LookupOutputs } from './lookup';
import { yearCloseSchemas, type YearCloseOutputs } from './year-close';
import { archiveSchemas, type ArchiveOutputs } from './archive';
import { journalRemarkSchemas, type JournalRemarkOutputs } from './journal-remarks';
import { exchangeSchemas, type ExchangeOutputs } from './exchange';
import { exportsSchemas, type ExportsOutputs } from './exports';

// The one list of IPC channels: each with its input schema (validated in main) and its output type.
// Each area keeps its channels in <area>.ts beside this file; this module joins them, and the mapped
// types below make main implement every one. The renderer imports this module's types only.

export const schemas = {
  ...accountsSchemas,
  ...demoSchemas,
  ...schoolSchemas,
  ...timetableSchemas,
  ...printSchemas,
  ...backupSchemas,
  ...journalSchemas,
  ...parentsSchemas,
  ...settingsSchemas,
  ...controlSchemas,
  ...controlProblemsSchemas,
  ...monitoringSchemas,
  ...controlWeeklySchemas,
  ...lookupSchemas,
  ...yearCloseSchemas,
  ...archiveSchemas,
  ...journalRemarkSchemas,
  ...exchangeSchemas,
  ...exportsSchemas,
} as const;
export type Channel = keyof typeof schemas;
export type Input<C extends Channel> = z.input<(typeof schemas)[C]>;
export type ParsedInput<C extends Channel> = z.output<(typeof schemas)[C]>;
/** The output type of every channel; the router's mapped type makes main implement each one. */
export interface Outputs
  extends
    AccountsOutputs,
    DemoOutputs,
    SchoolOutputs,
    TimetableOutputs,
    PrintOutputs,
    BackupOutputs,
    JournalOutputs,
    ParentsOutputs,
    SettingsOutputs,
    ControlOutputs,
    ControlProblemsOutputs,
    MonitoringOutputs,
    ControlWeeklyOutputs,
    LookupOutputs,
    YearCloseOutputs,
    ArchiveOutputs,
    JournalRemarkOutputs,
    ExchangeOutputs,
    ExportsOutputs {}
export type Output<C extends Channel> = Outputs[C];
export type StudentFields = z.output<typeof studentFields>;
export type GuardianFields = z.output<typeof guardianFields>;

export interface ApiError {
  code: string;
  message: string;
  details?: unknown;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What preload exposes and the browser host imitates: one call, every channel. */
export interface Api {
  call<C extends Channel>(channel: C, input: Input<C>, session: string | null): Promise<Result<Output<C>>>;
}
