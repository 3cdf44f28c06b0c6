import { Alert, Card, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AttendanceRow, NotTakenLesson } from '../../../main/contract/control-monitoring';
import { ChartLegend } from '../../components/ChartLegend';
import { YearRangePicker } from '../../components/YearDatePicker';
import { useQuery } from '../../hooks';
import { useSession } from '../../session';
import { NeedYear, ruDate } from '../timetable/common';
import { ClassFilter, Notes, XlsxButton } from './monitoring-common';
import { pct } from './ResultsScreen';

// Attendance (issue 12, part 8): absences by class, month and reason up to today, with a chart of the year by month;
// for one class also by day and by student; and the lessons where attendance was never taken.

const count = (n: number) => n.toLocaleString('ru-RU');

const columns = (first: string) => [
  { title: first, dataIndex: 'name' },
  { title: 'Ученико-уроков', dataIndex: 'seats', align: 'right' as const, width: 130, render: count },
  { title: '«н»', dataIndex: 'н', align: 'right' as const, width: 70, render: count },
  { title: '«б»', dataIndex: 'б', align: 'right' as const, width: 70, render: count },
  { title: '«у»', dataIndex: 'у', align: 'right' as const, width: 70, render: count },
  { title: 'Пропусков', dataIndex: 'total', align: 'right' as const, width: 100, render: count },
  { title: 'Посещаемость', dataIndex: 'attendance', align: 'right' as const, width: 120, render: pct },
];

export function AttendanceScreen() {
  return (
    <NeedYear>
      <Attendance />
    </NeedYear>
  );
}

function Attendance() {
  const { yearId } = useSession();
  const [classId, setClassId] = useState<number | null>(null);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const input = yearId
    ? { yearId, classId, from: range ? range[0].format('YYYY-MM-DD') : null, to: range ? range[1].format('YYYY-MM-DD') : null }
    : null;
  const q = useQuery('attendance.report', input);
  const r = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <ClassFilter value={classId} onChange={setClassId} />
        <YearRangePicker format="DD.MM.YYYY" value={range} onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)} />
        {input && <XlsxButton channel="attendance.export" input={input} />}
      </Space>
      {q.error && <Alert type="error" showIcon title={q.error} />}
      {r && (
        <>
          <Typography.Text data-testid="attendance-summary">
            С {ruDate(r.from)} по {ruDate(r.to)}: пропусков {count(r.total.total)} («н» {count(r.total.н)}, «б» {count(r.total.б)}, «у»{' '}
            {count(r.total.у)}), посещаемость {pct(r.total.attendance)}
          </Typography.Text>
          {r.months.length > 0 && (
            <Card size="small" title="Посещаемость по месяцам">
              <div data-testid="attendance-chart" style={{ width: '100%', height: 280 }}>
                <ResponsiveContainer>
                  <ComposedChart data={r.months} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="name" tick={{ fontSize: 11 }} />
                    <YAxis yAxisId="count" allowDecimals={false} tickFormatter={count} />
                    <YAxis yAxisId="rate" orientation="right" domain={[0, 100]} tickFormatter={(v: number) => `${v} %`} />
                    <Tooltip
                      formatter={(v, name) => (name === 'Посещаемость' ? pct(typeof v === 'number' ? v : null) : count(Number(v)))}
                    />
                    <Legend content={<ChartLegend />} />
                    <Bar yAxisId="count" dataKey="н" stackId="a" name="«н» без уважительной" fill="#e15759" isAnimationActive={false} />
                    <Bar yAxisId="count" dataKey="б" stackId="a" name="«б» по болезни" fill="#f28e2b" isAnimationActive={false} />
                    <Bar yAxisId="count" dataKey="у" stackId="a" name="«у» уважительная" fill="#76b7b2" isAnimationActive={false} />
                    <Line yAxisId="rate" dataKey="attendance" name="Посещаемость" stroke="#4e79a7" isAnimationActive={false} />
                  </ComposedChart>
                </ResponsiveContainer>
              </div>
            </Card>
          )}
          <Table<AttendanceRow>
            data-testid="attendance-table"
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={classId ? r.students : [...r.classes, { ...r.total, key: 'total', name: 'Итого' }]}
            columns={columns(classId ? 'Ученик' : 'Класс')}
          />
          <Table<AttendanceRow> size="small" rowKey="key" pagination={false} dataSource={r.months} columns={columns('Месяц')} />
          {classId && r.days.length > 0 && (
            <Table<AttendanceRow>
              size="small"
              rowKey="key"
              pagination={{ pageSize: 31, showSizeChanger: false }}
              dataSource={r.days}
              columns={columns('День')}
            />
          )}
          <Card size="small" title={`Посещаемость не отмечалась: ${count(r.notTakenCount)}`} data-testid="attendance-not-taken">
            {r.notTakenCount > r.notTaken.length && (
              <Typography.Paragraph type="secondary">
                Показаны последние {r.notTaken.length}; выберите класс или период, чтобы сузить список.
              </Typography.Paragraph>
            )}
            <Table<NotTakenLesson>
              size="small"
              rowKey="lessonId"
              pagination={{ pageSize: 20, showSizeChanger: false }}
              dataSource={r.notTaken}
              locale={{ emptyText: 'Таких уроков нет' }}
              columns={[
                { title: 'Дата', dataIndex: 'date', width: 100, render: ruDate },
                { title: 'Урок', dataIndex: 'lessonNumber', width: 60 },
                { title: 'Класс', dataIndex: 'className', width: 70 },
                {
                  title: 'Предмет',
                  key: 'subject',
                  render: (_: unknown, l) => (l.groupName ? `${l.subjectName} (${l.groupName})` : l.subjectName),
                },
                { title: 'Учитель', dataIndex: 'teacher' },
              ]}
            />
          </Card>
          <Notes lines={r.notes} />
        </>
      )}
    </Space>
  );
}
