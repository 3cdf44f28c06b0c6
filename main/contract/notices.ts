import { z } from 'zod';
import type { listNotices, noticesReport } from '../school/notices';
import { id, isoDate, text } from './fields';

// Parents' consents, refusals and acknowledgements (seeds 001 §8, §20; 004 §3.3–3.4).
export const noticesSchemas = {
  'notices.list': z.object({ studentId: id }),
  'notices.record': z.object({
    studentId: id,
    guardianId: id,
    kind: z.enum(['pd_consent', 'pd_refusal', 'electronic_consent', 'electronic_refusal', 'info_refusal', 'acknowledged']),
    date: isoDate('Дата'),
    document: text(200),
    note: text(1000),
  }),
  'notices.report': z.object({ classId: id, date: isoDate('Дата') }),
} as const;

export interface NoticesOutputs {
  'notices.list': Awaited<ReturnType<typeof listNotices>>;
  'notices.record': number;
  'notices.report': Awaited<ReturnType<typeof noticesReport>>;
}
