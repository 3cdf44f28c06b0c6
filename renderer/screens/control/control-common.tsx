import { Segmented, Select } from 'antd';
import { useMemo } from 'react';
import type { JournalRef } from '../../../main/contract/journal-outputs';
import { useQuery } from '../../hooks';
import { useSession } from '../../session';

// What the problem lists and the forecast share: the classes and subjects the user may look at (their journals, as
// `journal.list` gives them: the school for the administration, own classes and subjects for teachers) and the period.

export type PeriodChoice = number | null;

export const PERIOD_OPTIONS: { value: string; label: string }[] = [
  { value: 'now', label: 'Текущий период' },
  { value: '1', label: '1-й' },
  { value: '2', label: '2-й' },
  { value: '3', label: '3-й' },
  { value: '4', label: '4-й' },
];

export function PeriodPicker({ value, onChange }: { value: PeriodChoice; onChange: (p: PeriodChoice) => void }) {
  return (
    <Segmented<string>
      aria-label="Учебный период"
      options={PERIOD_OPTIONS}
      value={value === null ? 'now' : String(value)}
      onChange={(v) => onChange(v === 'now' ? null : Number(v))}
    />
  );
}

/** The classes and subjects of the user's journals in the chosen year. */
export function useScopeJournals() {
  const { yearId } = useSession();
  const q = useQuery('journal.list', yearId ? { yearId } : null);
  return useMemo(() => {
    const journals: JournalRef[] = q.data ?? [];
    const classes = [...new Map(journals.map((j) => [j.classId, { value: j.classId, label: j.className }])).values()];
    const subjectsOf = (classId: number | null) => [
      ...new Map(
        journals.filter((j) => j.classId === classId).map((j) => [j.subjectId, { value: j.subjectId, label: j.subjectName }]),
      ).values(),
    ];
    return { classes, subjectsOf, error: q.error, loaded: q.data !== null };
  }, [q.data, q.error]);
}

export function ClassPicker(props: {
  classes: { value: number; label: string }[];
  value: number | null;
  onChange: (id: number | null) => void;
  allowAll?: boolean;
}) {
  return (
    <Select<number>
      aria-label="Класс"
      showSearch
      optionFilterProp="label"
      placeholder="Класс"
      style={{ width: 160 }}
      value={props.value ?? (props.allowAll ? 0 : undefined)}
      onChange={(v) => props.onChange(v === 0 ? null : v)}
      options={[...(props.allowAll ? [{ value: 0, label: 'Все классы' }] : []), ...props.classes]}
    />
  );
}
