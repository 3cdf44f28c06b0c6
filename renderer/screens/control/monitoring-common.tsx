import { Button, Select } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { downloadBase64 } from '../timetable/common';
import type { Channel, Input } from '../../../main/contract/index';

// Pieces the monitoring screens share: the class filter and the XLSX button.

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

export function XlsxButton<C extends Extract<Channel, 'vshk.export' | 'attendance.export' | 'programme.export'>>(props: {
  channel: C;
  input: Input<C>;
  label?: string;
}) {
  const mutate = useMutation();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      loading={busy}
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
