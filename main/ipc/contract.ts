import { z } from 'zod';
import { backupSchemas } from './channels/backup';
import { foundationSchemas, type guardianFields, type studentFields } from './channels/foundation';
import { noticesSchemas } from './channels/notices';
import { timetableSchemas } from './channels/timetable';
import { printSchemas } from './channels/print';
import { journalSchemas } from './channels/journal';
import type * as S from './outputs';

// The one list of IPC channels: each with its input schema (validated in main) and its output type.
// Each area keeps its channels in channels/<area>.ts; this module joins them, and the mapped
// types below make main implement every one. The renderer imports this module's types only.

export const schemas = {
  ...foundationSchemas,
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
