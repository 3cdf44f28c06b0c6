import { Alert, AutoComplete, Input, Modal, Select, Table, Typography } from 'antd';
import { ruNumber } from '../../../main/contract/rules/numbers';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { GradingSystem } from '../../../main/contract/unions';
import type { GridStudent, JournalRef, PeriodRef } from '../../../main/contract/journal-outputs';
import { useMutation, useQuery } from '../../hooks';
import { usePref } from '../../prefs';
import { useSession } from '../../session';
import { SearchSelect } from '../../components/SearchSelect';

// Pieces shared by the journal, finals and homeroom screens.

export const MONTHS_SHORT = ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];

/** The period chooser of the journal and homeroom screens. */
export function PeriodSelect(props: { periods: PeriodRef[]; value: number; onChange(id: number): void }) {
  return (
    <Select
      aria-label="Период"
      style={{ width: 180 }}
      value={props.value}
      onChange={props.onChange}
      options={props.periods.map((p) => ({ value: p.id, label: p.name }))}
    />
  );
}

export const ruDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
export const dayMonth = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;
export const monthOf = (iso: string) => Number(iso.slice(5, 7)) - 1;
export const ruTime = (isoTs: string) => {
  const d = new Date(isoTs);
  return Number.isNaN(d.getTime()) ? isoTs : d.toLocaleString('ru-RU', { dateStyle: 'short', timeStyle: 'short' });
};
export const num = (n: number | null | undefined) => (n === null || n === undefined ? '' : ruNumber(n, 2, true));

/** Whether the student belongs to the class (and group) on that date. */
export function activeOn(s: GridStudent, date: string): boolean {
  return s.active.some((r) => r.start_date <= date && date <= ((r.end_date as string | null) ?? '9999-12-31'));
}

export const journalKey = (j: Pick<JournalRef, 'classId' | 'subjectId' | 'groupId'>) => `${j.classId}:${j.subjectId}:${j.groupId ?? ''}`;

/** The journals the user may open (journal.list), the last one opened remembered per user. */
export function useJournalPick(yearId: number | null) {
  const { me } = useSession();
  const list = useQuery('journal.list', yearId ? { yearId } : null);
  const [key, setKey] = usePref(me.userId, 'journal');
  const journals = useMemo(() => list.data ?? [], [list.data]);
  const current = journals.find((j) => journalKey(j) === key) ?? journals[0] ?? null;
  return { journals, current, setKey: (k: string) => setKey(k), error: list.error, loading: list.loading };
}

/**
 * The period of the journal and homeroom screens, remembered per user and year across reloads (as its kind, «p2»,
 * since each grade's scheme has its own period rows). A view opens on main's current period; `follow` moves it to the
 * remembered one when that differs.
 */
export function usePeriodChoice() {
  const { me, yearId } = useSession();
  const [kind, setKind] = usePref(me.userId, `period:${yearId ?? ''}`);
  const [periodId, setPeriodId] = useState<number | null>(null);
  const follow = useCallback(
    (view: { period: PeriodRef; periods: PeriodRef[] } | null) => {
      if (!view || !kind || view.period.kind === kind) return;
      const p = view.periods.find((x) => x.kind === kind);
      if (p && p.id !== periodId) setPeriodId(p.id);
    },
    [kind, periodId],
  );
  const choose = useCallback(
    (id: number, periods: PeriodRef[]) => {
      setPeriodId(id);
      setKind(periods.find((p) => p.id === id)?.kind ?? null);
    },
    [setKind],
  );
  /** Another journal or class: its own period rows, the remembered kind again. */
  const reset = useCallback(() => setPeriodId(null), []);
  return { periodId, choose, follow, reset };
}

export function JournalPicker(props: {
  journals: JournalRef[];
  current: JournalRef | null;
  onChange(key: string): void;
  loading?: boolean;
}) {
  const options = useMemo(() => {
    const byClass = new Map<string, JournalRef[]>();
    for (const j of props.journals) byClass.set(j.className, [...(byClass.get(j.className) ?? []), j]);
    return [...byClass].map(([cls, js]) => ({
      label: cls,
      title: cls,
      options: js.map((j) => ({
        value: journalKey(j),
        label: `${j.className} · ${j.subjectName}${j.groupName ? ` · ${j.groupName}` : ''}`,
        title: j.teacher,
      })),
    }));
  }, [props.journals]);
  return (
    <SearchSelect
      aria-label="Журнал"
      loading={props.loading}
      style={{ minWidth: 340 }}
      placeholder="Выберите журнал"
      value={props.current ? journalKey(props.current) : undefined}
      onChange={props.onChange}
      options={options}
      notFoundContent="Нет журналов, доступных вам в этом учебном году"
    />
  );
}

/** The deputy lifts a period's lock; the reason is required and logged. */
export function UnlockDialog(props: { lockId: number | null; what: string; onClose(done: boolean): void }) {
  const mutate = useMutation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => setReason(''), [props.lockId]);
  return (
    <Modal
      open={props.lockId !== null}
      title="Снять блокировку"
      okText="Снять блокировку"
      cancelText="Отмена"
      confirmLoading={busy}
      okButtonProps={{ disabled: reason.trim() === '' }}
      onCancel={() => props.onClose(false)}
      onOk={async () => {
        setBusy(true);
        try {
          const r = await mutate('journal.unlock', { lockId: props.lockId!, reason: reason.trim() }, 'Блокировка снята');
          if (r) props.onClose(true);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Typography.Paragraph>
        {props.what} снова станет доступен для изменений. Причина будет записана в журнал аудита; после исправлений отметки за период
        выставляются заново.
      </Typography.Paragraph>
      <Input.TextArea
        aria-label="Причина снятия блокировки"
        rows={3}
        maxLength={300}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}

export interface FinalRow {
  student: GridStudent;
  /** The mark already set. */
  value: string | null;
  suggested: string | null;
  /** «ср. 4,25, отметок 7» */
  hint: string;
  warning?: string | null;
}

export function finalOptions(grading: GradingSystem) {
  const codes = ['осв', 'н/а'];
  const marks = grading === 'pass' ? ['зач', 'незач'] : ['5', '4', '3', '2'];
  return [...marks, ...codes, 'безотм'].map((v) => ({ value: v }));
}

/** Sets one kind of final marks for a class: prefilled with what is set, else what the averages suggest. */
export function FinalsDialog(props: {
  open: boolean;
  title: string;
  kind: string;
  grading: GradingSystem;
  rows: FinalRow[];
  /** A warning above the table, e.g. that the period will be locked. */
  warning?: string;
  onSave(marks: { studentId: number; value: string }[]): Promise<boolean>;
  onClose(): void;
}) {
  const [values, setValues] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (props.open) setValues(Object.fromEntries(props.rows.map((r) => [r.student.id, r.value ?? r.suggested ?? ''])));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.open]);
  const options = finalOptions(props.grading);
  return (
    <Modal
      open={props.open}
      title={props.title}
      width={720}
      okText="Сохранить отметки"
      cancelText="Отмена"
      confirmLoading={busy}
      onCancel={props.onClose}
      onOk={async () => {
        setBusy(true);
        try {
          const marks = props.rows
            .map((r) => ({ studentId: r.student.id, value: (values[r.student.id] ?? '').trim() }))
            .filter((m, i) => m.value !== '' || props.rows[i].value !== null);
          if (await props.onSave(marks)) props.onClose();
        } finally {
          setBusy(false);
        }
      }}
    >
      {props.warning && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={props.warning} />}
      <Table
        size="small"
        rowKey={(r) => r.student.id}
        pagination={false}
        scroll={{ y: 420 }}
        dataSource={props.rows}
        columns={[
          { title: 'Ученик', render: (_, r) => r.student.name },
          {
            title: 'Подсказка',
            render: (_, r) => (
              <Typography.Text type="secondary">
                {r.hint}
                {r.suggested ? ` → ${r.suggested}` : ''}
              </Typography.Text>
            ),
          },
          {
            title: 'Отметка',
            width: 140,
            render: (_, r) => (
              <AutoComplete
                aria-label={`Отметка: ${r.student.name}`}
                data-final-student={r.student.id}
                style={{ width: 110 }}
                options={options}
                value={values[r.student.id] ?? ''}
                onChange={(v) => setValues((prev) => ({ ...prev, [r.student.id]: v }))}
              />
            ),
          },
          { title: '', width: 200, render: (_, r) => (r.warning ? <Typography.Text type="warning">{r.warning}</Typography.Text> : null) },
        ]}
      />
    </Modal>
  );
}
