import { Alert, Button, Select, Space, Statistic, Table, Tabs, Typography } from 'antd';
import { ruNumber } from '../../../main/contract/rules/numbers';
import type dayjs from 'dayjs';
import { useState } from 'react';
import type { Output } from '../../../main/contract/index';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { NeedYear, useRefs } from './common';
import { YearDatePicker } from '../../components/YearDatePicker';
import { ExportButton } from '../../components/ExportButton';

// The year's lessons: generation from the timetable with its report, and the hours check.

export function LessonsScreen() {
  return (
    <NeedYear>
      <Lessons />
    </NeedYear>
  );
}

function Lessons() {
  const { yearId, can } = useSession();
  const refs = useRefs();
  const mutate = useMutation();
  const [from, setFrom] = useState<dayjs.Dayjs | null>(null);
  const [classIds, setClassIds] = useState<number[]>([]);
  const [report, setReport] = useState<Output<'lessons.generate'> | null>(null);
  const [busy, setBusy] = useState(false);
  const [hoursClass, setHoursClass] = useState<number | null>(null);
  const hours = useQuery('lessons.hours', { yearId: yearId!, classId: hoursClass });
  const generate = async () => {
    setBusy(true);
    try {
      const r = await mutate(
        'lessons.generate',
        { yearId: yearId!, ...(classIds.length ? { classIds } : {}), ...(from ? { from: from.format('YYYY-MM-DD') } : {}) },
        'Уроки сформированы',
      );
      if (r) {
        setReport(r);
        void hours.reload();
      }
    } finally {
      setBusy(false);
    }
  };
  const conflicts = report?.classes.flatMap((c) => c.conflicts) ?? [];
  return (
    <Tabs
      items={[
        {
          key: 'generate',
          label: 'Формирование уроков',
          children: (
            <Space direction="vertical" style={{ width: '100%' }}>
              <ExportButton list="lessons" classId={classIds.length === 1 ? classIds[0] : null} />
              <Typography.Paragraph>
                Уроки создаются по расписанию на все учебные дни периодов каждого класса, кроме каникул и выходных. Повторное формирование
                добавляет, переносит и удаляет только уроки без данных; уроки, где учитель уже ввёл тему, задание, отметки или есть замена,
                остаются как есть и попадают в список конфликтов.
              </Typography.Paragraph>
              {can('setup.write') && (
                <Space wrap>
                  <Select
                    aria-label="Классы"
                    mode="multiple"
                    allowClear
                    placeholder="все классы"
                    style={{ minWidth: 240 }}
                    value={classIds}
                    onChange={setClassIds}
                    options={refs.classes.map((c) => ({ value: c.id, label: c.name }))}
                  />
                  <YearDatePicker aria-label="С даты" placeholder="с начала года" format="DD.MM.YYYY" value={from} onChange={setFrom} />
                  <Button type="primary" loading={busy} onClick={generate}>
                    Сформировать уроки
                  </Button>
                </Space>
              )}
              {report && (
                <>
                  <Space size="large" wrap>
                    <Statistic title="Добавлено" value={ruNumber(report.totals.added)} />
                    <Statistic title="Перенесено" value={ruNumber(report.totals.moved)} />
                    <Statistic title="Изменено" value={ruNumber(report.totals.updated)} />
                    <Statistic title="Удалено" value={ruNumber(report.totals.removed)} />
                    <Statistic title="Без изменений" value={ruNumber(report.totals.unchanged)} />
                    <Statistic title="Темы КТП" value={ruNumber(report.totals.topics)} />
                    <Statistic title="Конфликты" value={ruNumber(report.totals.conflicts)} />
                    <Statistic title="Время, с" value={ruNumber(report.ms / 1000, 1, true)} />
                  </Space>
                  {conflicts.length > 0 && (
                    <Alert
                      type="warning"
                      showIcon
                      title={`Уроки с данными оставлены без изменений: ${conflicts.length}`}
                      description={
                        <ul style={{ margin: 0, maxHeight: 240, overflow: 'auto' }}>
                          {conflicts.map((c, i) => (
                            <li key={i}>{c.message}</li>
                          ))}
                        </ul>
                      }
                    />
                  )}
                  <Table
                    size="small"
                    rowKey="classId"
                    pagination={false}
                    dataSource={report.classes}
                    columns={[
                      { title: 'Класс', dataIndex: 'className' },
                      { title: 'Добавлено', dataIndex: 'added' },
                      { title: 'Перенесено', dataIndex: 'moved' },
                      { title: 'Изменено', dataIndex: 'updated' },
                      { title: 'Удалено', dataIndex: 'removed' },
                      { title: 'Без изменений', dataIndex: 'unchanged' },
                      { title: 'Конфликты', render: (_, r) => r.conflicts.length },
                    ]}
                  />
                </>
              )}
            </Space>
          ),
        },
        {
          key: 'hours',
          label: 'Сверка часов',
          children: (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Select
                aria-label="Класс"
                allowClear
                placeholder="все классы"
                style={{ width: 160 }}
                value={hoursClass ?? undefined}
                onChange={(v) => setHoursClass(v ?? null)}
                options={refs.classes.map((c) => ({ value: c.id, label: c.name }))}
              />
              <Typography.Text type="secondary">
                По плану = часов в неделю по учебному плану × учебных недель периода; по расписанию — уроки, которые проводятся (без
                отменённых и перенесённых).
              </Typography.Text>
              <Table
                size="small"
                loading={hours.loading}
                rowKey={(r) => `${r.classId}-${r.subjectId}-${r.groupId}-${r.periodId}`}
                dataSource={hours.data ?? []}
                pagination={{ pageSize: 100 }}
                columns={[
                  { title: 'Класс', dataIndex: 'className', width: 70 },
                  { title: 'Предмет', dataIndex: 'subject' },
                  { title: 'Группа', dataIndex: 'group' },
                  { title: 'Период', dataIndex: 'period' },
                  { title: 'Недель', dataIndex: 'weeks' },
                  { title: 'По плану', dataIndex: 'planned' },
                  { title: 'По расписанию', dataIndex: 'scheduled' },
                  {
                    title: 'Разница',
                    dataIndex: 'diff',
                    render: (d: number) => <span style={{ color: Math.abs(d) >= 1 ? '#d4380d' : undefined }}>{d > 0 ? `+${d}` : d}</span>,
                    sorter: (a, b) => Math.abs(a.diff) - Math.abs(b.diff),
                  },
                ]}
              />
            </Space>
          ),
        },
      ]}
    />
  );
}
