import { Alert, Card, Segmented, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import {
  RESULT_GROUPING_NAMES,
  RESULT_GROUPINGS,
  type ResultGrouping,
  type ResultKind,
  type ResultRow,
} from '../../../main/contract/control';
import { useQuery } from '../../hooks';
import { useSession } from '../../session';
import { NeedYear } from '../timetable/common';

// Results of period and year marks (issue 12, part 4): success and quality by class, grade, subject, teacher, student
// or the whole school, with the formulas shown under the table, and a chart of the same figures.

const KINDS: { value: ResultKind; label: string }[] = [
  { value: 'p1', label: '1-й период' },
  { value: 'p2', label: '2-й период' },
  { value: 'p3', label: '3-й период' },
  { value: 'p4', label: '4-й период' },
  { value: 'year', label: 'Год' },
];
const MARKS = ['5', '4', '3', '2', 'зач', 'незач', 'осв', 'н/а'] as const;
const COLUMN_TITLES: Record<ResultGrouping, string> = {
  student: 'Ученик',
  class: 'Класс',
  grade: 'Параллель',
  subject: 'Предмет',
  teacher: 'Учитель',
  school: 'Школа',
};

export const pct = (n: number | null) => (n === null ? '—' : `${n.toFixed(1).replace('.', ',')} %`);
export const avg = (n: number | null) => (n === null ? '—' : n.toFixed(2).replace('.', ','));

export function ResultsScreen() {
  return (
    <NeedYear>
      <Results />
    </NeedYear>
  );
}

function Results() {
  const { yearId } = useSession();
  const [kind, setKind] = useState<ResultKind>('year');
  const [by, setBy] = useState<ResultGrouping>('class');
  const q = useQuery('results.report', yearId ? { yearId, kind, by, classId: null } : null);
  const r = q.data;
  const rows = r ? [...r.rows, { ...r.total, key: 'total', name: `Итого: ${r.total.name}` }] : [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented<ResultKind> aria-label="Отметки" options={KINDS} value={kind} onChange={setKind} />
        <Select<ResultGrouping>
          aria-label="Группировка"
          style={{ width: 200 }}
          value={by}
          onChange={setBy}
          options={RESULT_GROUPINGS.map((g) => ({ value: g, label: RESULT_GROUPING_NAMES[g] }))}
        />
      </Space>
      {q.error && <Alert type="error" showIcon title={q.error} />}
      {r && (
        <Card size="small" title={`Результаты: ${r.kindName}, ${r.yearName} учебный год, ${RESULT_GROUPING_NAMES[r.by]}`}>
          {r.rows.length === 0 ? (
            <Alert type="info" title="Отметок этого вида пока нет." />
          ) : (
            <>
              {by !== 'student' && r.rows.length <= 60 && (
                <div data-testid="results-chart" style={{ width: '100%', height: 260 }}>
                  <ResponsiveContainer>
                    <BarChart data={r.rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis dataKey="name" interval={0} tick={{ fontSize: 11 }} />
                      <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v} %`} />
                      <Tooltip formatter={(v) => pct(typeof v === 'number' ? v : null)} />
                      <Legend />
                      <Bar dataKey="success" name="Успеваемость" fill="#4e79a7" isAnimationActive={false} />
                      <Bar dataKey="quality" name="Качество" fill="#59a14f" isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              )}
              <Table<ResultRow>
                size="small"
                rowKey="key"
                pagination={by === 'student' ? { pageSize: 50, showSizeChanger: false } : false}
                dataSource={rows}
                columns={[
                  { title: COLUMN_TITLES[r.by], dataIndex: 'name' },
                  { title: 'Учеников', dataIndex: 'students', align: 'right', width: 90 },
                  { title: 'Успеваемость', dataIndex: 'success', align: 'right', width: 120, render: pct },
                  { title: 'Качество', dataIndex: 'quality', align: 'right', width: 100, render: pct },
                  { title: 'Средний балл', dataIndex: 'average', align: 'right', width: 110, render: avg },
                  ...MARKS.map((m) => ({
                    title: `«${m}»`,
                    key: m,
                    align: 'right' as const,
                    width: 62,
                    render: (_: unknown, row: ResultRow) => row.distribution[m] ?? 0,
                  })),
                ]}
              />
            </>
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {r.formulas.map((f) => (
              <span key={f} style={{ display: 'block' }}>
                {f}
              </span>
            ))}
          </Typography.Paragraph>
        </Card>
      )}
    </Space>
  );
}
