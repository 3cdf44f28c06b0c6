import { Alert, Button, Card, Segmented, Select, Space, Table, Typography } from 'antd';
import { ChartLegend } from '../../components/ChartLegend';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis, type LegendPayload } from 'recharts';
import {
  RESULT_GROUPING_NAMES,
  RESULT_GROUPINGS,
  type ComparisonRow,
  type ResultComparison,
  type ResultGrouping,
  type ResultKind,
  type ResultRow,
  type ResultsComparison,
} from '../../../main/contract/control';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { downloadBase64, NeedYear } from '../timetable/common';
import { Notes } from './monitoring-common';

// Results of period and year marks (issue 12, part 4): success and quality by class, grade, subject, teacher, student
// or the whole school, with the formulas shown under the table, and a chart of the same figures; the same grouping
// compared over the periods of the year or over the years (table and charts); «Печать» downloads the PDF report with
// its charts (results.pdf).

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

const COMPARISONS: { value: ResultComparison | 'none'; label: string }[] = [
  { value: 'none', label: 'Без сравнения' },
  { value: 'periods', label: 'По периодам года' },
  { value: 'years', label: 'По годам' },
];
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1'];

const ru = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const ru2 = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const pct = (n: number | null) => (n === null ? '—' : `${ru.format(n)} %`);
export const avg = (n: number | null) => (n === null ? '—' : ru2.format(n));
const tooltipPct = (v: unknown) => pct(typeof v === 'number' ? v : null);
/** The legend in the bars' order (recharts sorts it alphabetically by default: «Качество» before «Успеваемость»). */
const legendBy = (keys: string[]) => (item: LegendPayload) => String(keys.indexOf(String(item.dataKey ?? ''))).padStart(3, '0');
const legendOrder = legendBy(['success', 'quality']);

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
  const [compare, setCompare] = useState<ResultComparison | 'none'>('none');
  const [printing, setPrinting] = useState(false);
  const mutate = useMutation();
  const q = useQuery('results.report', yearId && compare === 'none' ? { yearId, kind, by, classId: null } : null);
  const cq = useQuery('results.compare', yearId && compare !== 'none' ? { yearId, compare, kind, by, classId: null } : null);
  const print = async () => {
    if (!yearId) return;
    setPrinting(true);
    try {
      const p = await mutate('results.pdf', { yearId, kind, by, classId: null, compare: compare === 'none' ? null : compare });
      if (p) downloadBase64(p.name, p.base64, 'application/pdf');
    } finally {
      setPrinting(false);
    }
  };
  const r = q.data;
  const rows = r ? [...r.rows, { ...r.total, key: 'total', name: `Итого: ${r.total.name}` }] : [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented<ResultKind> aria-label="Отметки" options={KINDS} value={kind} onChange={setKind} disabled={compare === 'periods'} />
        <Select<ResultGrouping>
          aria-label="Группировка"
          style={{ width: 200 }}
          value={by}
          onChange={setBy}
          options={RESULT_GROUPINGS.map((g) => ({ value: g, label: RESULT_GROUPING_NAMES[g] }))}
        />
        <Segmented<ResultComparison | 'none'> aria-label="Сравнение" options={COMPARISONS} value={compare} onChange={setCompare} />
        <Button onClick={print} loading={printing}>
          Печать
        </Button>
      </Space>
      {q.error && <Alert type="error" showIcon title={q.error} />}
      {cq.error && <Alert type="error" showIcon title={cq.error} />}
      {compare !== 'none' && cq.data && <Comparison c={cq.data} />}
      {compare === 'none' && r && (
        <Card size="small" title={`Результаты: ${r.kindName}, ${r.yearName} учебный год, ${RESULT_GROUPING_NAMES[r.by]}`}>
          {r.rows.length === 0 ? (
            <Alert type="info" title="Отметок этого вида пока нет." />
          ) : (
            <>
              {by !== 'student' && r.rows.length <= 60 && (
                <div data-testid="results-chart" style={{ width: '100%', height: 260 }}>
                  <ResponsiveContainer>{successQualityBars(r.rows)}</ResponsiveContainer>
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
          <Notes lines={r.formulas} spaced />
        </Card>
      )}
    </Space>
  );
}

/** Success and quality side by side, a pair of bars per row (the direct child of a ResponsiveContainer). */
function successQualityBars(data: { name: string; success?: number | null; quality?: number | null }[]) {
  return (
    <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="name" interval={0} tick={{ fontSize: 11 }} />
      <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v} %`} />
      <Tooltip formatter={tooltipPct} />
      <Legend itemSorter={legendOrder} content={<ChartLegend />} />
      <Bar dataKey="success" name="Успеваемость" fill="#4e79a7" isAnimationActive={false} />
      <Bar dataKey="quality" name="Качество" fill="#59a14f" isAnimationActive={false} />
    </BarChart>
  );
}

/** The comparison: the whole selection's figures per period or year, each row's quality per column, and the table. */
function Comparison({ c }: { c: ResultsComparison }) {
  if (c.columns.length === 0)
    return (
      <Card size="small" title={`Сравнение: ${c.title}`}>
        <Alert type="info" title="Отметок для сравнения пока нет." />
      </Card>
    );
  const totals = c.columns.map((col, i) => ({ name: col.label, success: c.total.cells[i]?.success, quality: c.total.cells[i]?.quality }));
  const perRow = c.by !== 'student' && c.rows.length > 1 && c.rows.length <= 40;
  const quality = c.rows.map((r) =>
    Object.fromEntries([['name', r.name], ...c.columns.map((col, i) => [col.key, r.cells[i]?.quality ?? null])]),
  );
  const rows = [...c.rows, { ...c.total, name: `Итого: ${c.total.name}` }];
  return (
    <Card size="small" title={`Сравнение: ${c.title}`}>
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        <div data-testid="results-compare-chart" style={{ flex: '1 1 320px', height: 260 }}>
          <Typography.Text strong>Успеваемость и качество: {c.total.name}</Typography.Text>
          <ResponsiveContainer height={236}>{successQualityBars(totals)}</ResponsiveContainer>
        </div>
        {perRow && (
          <div data-testid="results-compare-rows-chart" style={{ flex: '2 1 480px', height: 260 }}>
            <Typography.Text strong>Качество {RESULT_GROUPING_NAMES[c.by]}</Typography.Text>
            <ResponsiveContainer height={236}>
              <BarChart data={quality} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" interval={0} tick={{ fontSize: 11 }} />
                <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v} %`} />
                <Tooltip formatter={tooltipPct} />
                <Legend itemSorter={legendBy(c.columns.map((col) => col.key))} content={<ChartLegend />} />
                {c.columns.map((col, i) => (
                  <Bar key={col.key} dataKey={col.key} name={col.label} fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
      </div>
      <Table<ComparisonRow>
        size="small"
        rowKey="key"
        style={{ marginTop: 12 }}
        pagination={c.by === 'student' ? { pageSize: 50, showSizeChanger: false } : false}
        dataSource={rows}
        columns={[
          { title: COLUMN_TITLES[c.by], dataIndex: 'name' },
          ...c.columns.map((col, i) => ({
            title: col.label,
            key: col.key,
            children: [
              {
                title: 'Успев.',
                key: `${col.key}s`,
                align: 'right' as const,
                width: 86,
                render: (_: unknown, r: ComparisonRow) => pct(r.cells[i]?.success ?? null),
              },
              {
                title: 'Кач.',
                key: `${col.key}q`,
                align: 'right' as const,
                width: 86,
                render: (_: unknown, r: ComparisonRow) => pct(r.cells[i]?.quality ?? null),
              },
              {
                title: 'Ср. балл',
                key: `${col.key}a`,
                align: 'right' as const,
                width: 76,
                render: (_: unknown, r: ComparisonRow) => avg(r.cells[i]?.average ?? null),
              },
            ],
          })),
        ]}
      />
      <Notes lines={c.formulas} spaced />
    </Card>
  );
}
