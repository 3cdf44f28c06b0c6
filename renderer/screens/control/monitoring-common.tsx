import { Button, Select, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { downloadBase64 } from '../timetable/common';
import type { Channel, Input } from '../../../main/contract/index';

// Pieces the control screens share: the class filter, the XLSX button and the notes (formulas, rules) under a report.

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ClassFilter({ value, onChange }: { value: number | null; onChange: (v: number | null) => void }) {
  const { yearId } = useSession();
  const classes = useQuery('classes.list', yearId ? { yearId } : null);
  return (
    <Select
      allowClear
      aria-label="Класс"
      placeholder="Все классы"
      style={{ width: 140 }}
      value={value ?? undefined}
      onChange={(v) => onChange(v ?? null)}
      options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
    />
  );
}

export function XlsxButton<
  C extends Extract<Channel, 'vshk.export' | 'attendance.export' | 'programme.export' | 'problems.export'>,
>(props: { channel: C; input: Input<C>; label?: string; disabled?: boolean }) {
  const mutate = useMutation();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      loading={busy}
      disabled={props.disabled}
      onClick={async () => {
        setBusy(true);
        try {
          const f = (await mutate(props.channel, props.input)) as { name: string; base64: string } | undefined;
          if (f) downloadBase64(f.name, f.base64, XLSX_TYPE);
        } finally {
          setBusy(false);
        }
      }}
    >
      {props.label ?? 'Выгрузить в Excel'}
    </Button>
  );
}

/** The notes under a report, a line each: its formulas, rules or remarks. */
export function Notes({ lines, spaced = false }: { lines: readonly string[]; spaced?: boolean }) {
  return (
    <Typography.Paragraph type="secondary" style={{ marginTop: spaced ? 12 : undefined, marginBottom: 0 }}>
      {lines.map((f) => (
        <span key={f} style={{ display: 'block' }}>
          {f}
        </span>
      ))}
    </Typography.Paragraph>
  );
}
