import { Alert, Button, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useQuery } from '../../hooks';
import { useSession } from '../../session';
import { useSchoolDay, YearRangePicker } from '../../components/YearDatePicker';

// The deputy's report of corrections (seed 001 deputy §6): marks and absences changed after the lesson's day or after
// a period was reopened, with author, before, after and the unlock's reason; and first entries (marks, absences,
// topics, homework) made after their deadline, with the delay (main decides which are late, on the school's clock).
// Printable from the browser's print.

export function CorrectionsScreen() {
  const schoolDay = useSchoolDay();
  const { yearId } = useSession();
  const [classId, setClassId] = useState<number | null>(null);
  const [kind, setKind] = useState<'all' | 'correction' | 'late'>('all');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([schoolDay.subtract(1, 'month').startOf('day'), schoolDay.endOf('day')]);
  const classes = useQuery('classes.list', yearId ? { yearId } : null);
  const report = useQuery(
    'journal.corrections',
    yearId ? { yearId, classId, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : null,
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} className="print-area">
      <Typography.Title level={4}>Исправления в журнале</Typography.Title>
      <Typography.Paragraph type="secondary">
        Изменения уже внесённых отметок и пропусков, сделанные после дня урока или после снятия блокировки периода: кто, когда, что было и
        что стало, причина снятия блокировки. Записи, впервые внесённые позже срока (отметки и пропуски — в день урока, тема — в день урока,
        домашнее задание — в течение 1,5 часа после последнего урока класса), с опозданием; время — по часовому поясу школы.
      </Typography.Paragraph>
      <Space wrap className="no-print">
        <Select
          allowClear
          placeholder="Все классы"
          style={{ width: 140 }}
          value={classId ?? undefined}
          onChange={(v) => setClassId(v ?? null)}
          options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <YearRangePicker format="DD.MM.YYYY" allowClear={false} value={range} onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])} />
        <Select
          aria-label="Что показать"
          style={{ width: 230 }}
          value={kind}
          onChange={setKind}
          options={[
            { value: 'all', label: 'Исправления и поздние записи' },
            { value: 'correction', label: 'Только исправления' },
            { value: 'late', label: 'Только поздние записи' },
          ]}
        />
        <Button onClick={() => window.print()}>Печать</Button>
      </Space>
      {report.error && <Alert type="error" showIcon title={report.error} />}
      <Typography.Text data-testid="corrections-summary">
        С {range[0].format('DD.MM.YYYY')} по {range[1].format('DD.MM.YYYY')}: исправлений{' '}
        {report.data ? report.data.filter((r) => r.kind === 'correction').length : '…'}, поздних записей{' '}
        {report.data ? report.data.filter((r) => r.kind === 'late').length : '…'}
      </Typography.Text>
      <Table
        rowKey="key"
        size="small"
        loading={report.loading}
        dataSource={(report.data ?? []).filter((r) => kind === 'all' || r.kind === kind)}
        pagination={{ pageSize: 100 }}
        columns={[
          { title: 'Когда', dataIndex: 'at', render: (a: string) => new Date(a).toLocaleString('ru-RU') },
          { title: 'Кто', dataIndex: 'actor' },
          { title: 'Класс', dataIndex: 'className' },
          { title: 'Предмет', dataIndex: 'subjectName' },
          { title: 'Урок', dataIndex: 'lessonDate', render: (d: string) => d.split('-').reverse().join('.') },
          { title: 'Ученик', dataIndex: 'student' },
          { title: 'Что', dataIndex: 'what' },
          { title: 'Было', dataIndex: 'before' },
          { title: 'Стало', dataIndex: 'after' },
          { title: 'Когда внесено', dataIndex: 'when' },
          { title: 'Опоздание', dataIndex: 'delay' },
          { title: 'Причина', dataIndex: 'reason' },
        ]}
      />
    </Space>
  );
}
