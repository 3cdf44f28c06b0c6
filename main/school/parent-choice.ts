import type { Db } from '../../db/index';
import type { NoticeKind } from '../../db/schema';
import type { Trx } from '../kernel/mutate';

// How each student's parents chose to be informed (seed 004 §3.3): for each guardian the latest notice of the «form»
// group (electronic_consent, electronic_refusal, info_refusal) dated on or before the day is in force. The student's
// parents chose paper when that notice of any guardian is electronic_refusal; they refused any information when it is
// info_refusal. One place for the rule: the weekly paper batch (main/parents), the journal grid's marker
// (main/journal) and the social pedagogue's list all read it from here.

export const FORM_KINDS: readonly NoticeKind[] = ['electronic_consent', 'electronic_refusal', 'info_refusal'];

export interface FormNotice {
  guardianName: string;
  date: string;
  document: string;
}

export interface ParentsChoice {
  /** Guardians whose notice in force is a refusal of the electronic form (paper extracts instead). */
  paper: FormNotice[];
  /** Guardians whose notice in force is a refusal of any information. */
  refused: FormNotice[];
}

/** The form in force on `on` for each of the students that have some paper or refusal in force (others are absent). */
export async function parentsChoice(db: Db | Trx, studentIds: readonly number[], on: string): Promise<Map<number, ParentsChoice>> {
  const out = new Map<number, ParentsChoice>();
  if (!studentIds.length) return out;
  const latest = new Map<string, { student_id: number; kind: NoticeKind; guardian_name: string; date: string; document: string }>();
  // SQLite limits bound parameters: a whole school's students go in chunks.
  for (let i = 0; i < studentIds.length; i += 500) {
    const rows = await db
      .selectFrom('guardian_notice')
      .select(['student_id', 'guardian_id', 'guardian_name', 'kind', 'date', 'document', 'id'])
      .where('student_id', 'in', studentIds.slice(i, i + 500))
      .where('kind', 'in', FORM_KINDS as NoticeKind[])
      .where('date', '<=', on)
      .orderBy('date')
      .orderBy('id')
      .execute();
    for (const n of rows) latest.set(`${n.student_id}:${n.guardian_id ?? `name:${n.guardian_name}`}`, n);
  }
  for (const n of latest.values()) {
    if (n.kind === 'electronic_consent') continue;
    const c = out.get(n.student_id) ?? { paper: [], refused: [] };
    out.set(n.student_id, c);
    (n.kind === 'electronic_refusal' ? c.paper : c.refused).push({ guardianName: n.guardian_name, date: n.date, document: n.document });
  }
  return out;
}
