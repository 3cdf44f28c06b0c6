import { z } from 'zod';
import { backupSchemas } from './backup';
import { demoSchemas } from './demo';
import { accountsSchemas } from './accounts';
import { schoolSchemas, type guardianFields, type studentFields } from './school';
import { noticesSchemas } from './notices';
import { timetableSchemas } from './timetable';
import { printSchemas } from './printing';
import { journalSchemas } from './journal';
import type * as S from './outputs';

// The one list of IPC channels: each with its input schema (validated in main) and its output type.
// Each area keeps its channels in <area>.ts beside this file; this module joins them, and the mapped
// types below make main implement every one. The renderer imports this module's types only.

export const schemas = {
  ...accountsSchemas,
  ...demoSchemas,
  ...schoolSchemas,
  ...timetableSchemas,
  ...noticesSchemas,
  ...printSchemas,
  ...backupSchemas,
  ...journalSchemas,
} as const;
export type Channel = keyof typeof schemas;
export const CHANNELS = Object.keys(schemas) as Channel[];
export type Input<C extends Channel> = z.input<(typeof schemas)[C]>;
export type ParsedInput<C extends Channel> = z.output<(typeof schemas)[C]>;
export type Output<C extends Channel> = S.Outputs[C];
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
