import { Alert, Button, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { NeedYear } from './common';

// The curriculum of one grade: the grade's weekly hours, a class's own hours or one period's,
// with each class's resulting hours and the totals.

export function CurriculumScreen() {
  return (
    <NeedYear>
      <Curriculum />
    </NeedYear>
  );
}

function Curriculum() {
  const { yearId, can } = useSession();
  const [grade, setGrade] = useState(5);
  const [classId, setClassId] = useState<number | null>(null);
  const [period, setPeriod] = useState<number | null>(null);
  const q = useQuery('curriculum.get', { yearId: yearId!, grade });
  const mutate = useMutation();
  const [draft, setDraft] = useState<Record<number, number | null>>({});
  const data = q.data;
  const scopeRows = useMemo(
    () => (data?.rows ?? []).filter((r) => r.classId === classId && r.periodNumber === period),
    [data, classId, period],
  );
  useEffect(() => setDraft(Object.fromEntries(scopeRows.map((r) => [r.subjectId, r.hours]))), [scopeRows]);
  const resolve = (cls: { id: number }, n: number | null, s: number) => {
    let best: { hours: number; rank: number } | null = null;
    for (const r of data?.rows ?? []) {
      if (r.subjectId !== s || (r.classId !== null && r.classId !== cls.id) || (r.periodNumber !== null && r.periodNumber !== n)) continue;
      const rank = (r.classId !== null ? 2 : 0) + (r.periodNumber !== null ? 1 : 0);
      if (!best || rank > best.rank) best = { hours: r.hours, rank };
    }
    return best?.hours ?? 0;
  };
  if (!data) return q.error ? <Alert type="error" title={q.error} /> : null;
  const save = async () => {
    const entries = data.subjects
      .map((s) => ({ subjectId: s.id, hours: draft[s.id] ?? null }))
      .filter((e) => e.hours !== null || scopeRows.some((r) => r.subjectId === e.subjectId));
    const r = await mutate('curriculum.save', { yearId: yearId!, grade, classId, periodNumber: period, entries }, 'Учебный план сохранён');
    if (r) void q.reload();
  };
  const shown = data.subjects.filter((s) => draft[s.id] !== undefined || data.classes.some((c) => resolve(c, period, s.id) > 0) || true);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>Параллель</span>
        <Select
          aria-label="Параллель"
          value={grade}
          onChange={(g) => {
            setGrade(g);
            setClassId(null);
            setPeriod(null);
          }}
          style={{ width: 90 }}
          options={Array.from({ length: 11 }, (_, i) => ({ value: i + 1, label: `${i + 1}` }))}
        />
        <span>Часы для</span>
        <Select
          aria-label="Часы для"
          value={classId ?? 0}
          onChange={(v) => setClassId(v || null)}
          style={{ width: 180 }}
          options={[{ value: 0, label: 'всей параллели' }, ...data.classes.map((c) => ({ value: c.id, label: `класса ${c.name}` }))]}
        />
        <Select
          aria-label="Период"
          value={period ?? 0}
          onChange={(v) => setPeriod(v || null)}
          style={{ width: 180 }}
          options={[{ value: 0, label: 'на весь год' }, ...data.periods.map((p) => ({ value: p.number, label: p.name }))]}
        />
        {can('setup.write') && (
          <Button type="primary" onClick={save}>
            Сохранить
          </Button>
        )}
      </Space>
      {data.warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} />
      ))}
      <Typography.Text type="secondary">
        Пустое поле — часы берутся из более общей строки (параллель, весь год). Макс. недельная нагрузка по СанПиН: {data.maxWeekly.five} ч
        (5 дней), {data.maxWeekly.six} ч (6 дней).
      </Typography.Text>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={shown}
        columns={[
          {
            title: 'Предмет',
            dataIndex: 'name',
            render: (n: string, s) => (
              <>
                {n} {s.component === 'school' && <Tag>школьный компонент</Tag>}
              </>
            ),
          },
          {
            title: 'Часов в неделю',
            width: 150,
            render: (_, s) => (
              <InputNumber
                aria-label={`Часы: ${s.name}`}
                min={0}
                max={40}
                step={0.5}
                value={draft[s.id] ?? null}
                disabled={!can('setup.write')}
                onChange={(v) => setDraft({ ...draft, [s.id]: v === null ? null : Number(v) })}
              />
            ),
          },
          ...data.classes.map((c) => ({
            title: c.name,
            width: 70,
            render: (_: unknown, s: { id: number }) => resolve(c, period, s.id) || '',
          })),
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <b>Итого</b>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1}>{data.subjects.reduce((a, s) => a + (draft[s.id] ?? 0), 0)}</Table.Summary.Cell>
            {data.classes.map((c, i) => (
              <Table.Summary.Cell key={c.id} index={i + 2}>
                <b>{data.subjects.reduce((a, s) => a + resolve(c, period, s.id), 0)}</b>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
      />
    </Space>
  );
}
