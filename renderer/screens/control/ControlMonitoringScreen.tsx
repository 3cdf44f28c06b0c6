import { Alert, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ABSENCE_REASONS } from '../../../main/contract/rules/cell-text';
import { type ControlWorkResult, type ControlWorkStudent } from '../../../main/contract/control-monitoring';
import { useQuery } from '../../hooks';
import { useSession } from '../../session';
import { NeedYear, ruDate } from '../timetable/common';
import { ClassFilter, Notes, XlsxButton } from './monitoring-common';
import { avg, pct } from './ResultsScreen';

// Internal monitoring (ВШК) of the control works on the school's schedule (issue 12, part 6): each work with its
// results; a chosen work with the distribution of its marks, success, quality and the students who did not write.

const MARKS = ['5', '4', '3', '2', 'зач', 'незач', 'осв', 'н/а'] as const;

const distributionText = (d: Record<string, number>) =>
  MARKS.filter((m) => d[m])
    .map((m) => `«${m}» ${d[m]}`)
    .join(', ') || '—';

export function ControlMonitoringScreen() {
  return (
    <NeedYear>
      <ControlMonitoring />
    </NeedYear>
  );
}

function ControlMonitoring() {
  const { yearId } = useSession();
  const [classId, setClassId] = useState<number | null>(null);
  const [workId, setWorkId] = useState<number | null>(null);
  const list = useQuery('vshk.list', yearId ? { yearId, classId } : null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        Контрольные работы по графику и отметки, выставленные за них: распределение отметок, успеваемость, качество и кто не писал. Выберите
        работу в таблице, чтобы увидеть её результаты.
      </Typography.Paragraph>
      <Space wrap>
        <ClassFilter
          value={classId}
          onChange={(v) => {
            setClassId(v);
            setWorkId(null);
          }}
        />
        {yearId && <XlsxButton channel="vshk.export" input={{ yearId, classId, id: null }} />}
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<ControlWorkResult>
        data-testid="vshk-list"
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: 'Контрольных работ в графике нет' }}
        onRow={(r) => ({
          onClick: () => setWorkId(r.id),
          style: { cursor: 'pointer', background: r.id === workId ? '#e6f4ff' : undefined },
        })}
        columns={[
          { title: 'Дата', dataIndex: 'date', width: 100, render: ruDate },
          { title: 'Класс', dataIndex: 'className', width: 70 },
          { title: 'Предмет', dataIndex: 'subjectName' },
          { title: 'Вид работы', dataIndex: 'kind' },
          {
            title: 'Писали',
            key: 'wrote',
            align: 'right',
            width: 90,
            render: (_: unknown, r) => (r.future ? <Tag>впереди</Tag> : `${r.wrote} из ${r.due}`),
          },
          { title: 'Успеваемость', dataIndex: 'success', align: 'right', width: 120, render: pct },
          { title: 'Качество', dataIndex: 'quality', align: 'right', width: 100, render: pct },
          { title: 'Средний балл', dataIndex: 'average', align: 'right', width: 110, render: avg },
          { title: 'Отметки', dataIndex: 'distribution', render: distributionText },
        ]}
      />
      {workId && <WorkReport id={workId} yearId={yearId!} />}
    </Space>
  );
}

function WorkReport({ id, yearId }: { id: number; yearId: number }) {
  const q = useQuery('vshk.report', { id });
  const r = q.data;
  if (q.error) return <Alert type="error" showIcon title={q.error} />;
  if (!r) return null;
  const w = r.work;
  const chart = MARKS.filter((m) => w.distribution[m] !== undefined || ['5', '4', '3', '2'].includes(m)).map((m) => ({
    mark: `«${m}»`,
    count: w.distribution[m] ?? 0,
  }));
  const absence = (s: ControlWorkStudent) => (s.absence ? `«${s.absence}» — ${ABSENCE_REASONS[s.absence]}` : '');
  return (
    <Card
      size="small"
      data-testid="vshk-report"
      title={`${w.kind}: ${w.subjectName}, ${w.className}, ${ruDate(w.date)}${w.title ? ` — ${w.title}` : ''}`}
      extra={<XlsxButton channel="vshk.export" input={{ yearId, id, classId: null }} label="Эта работа в Excel" />}
    >
      {r.lessons.length === 0 && (
        <Alert type="warning" showIcon title="Урок с этой работой не найден: он отменён, перенесён или не создан." />
      )}
      <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="Должны были писать">{w.due}</Descriptions.Item>
        <Descriptions.Item label="Писали">{w.wrote}</Descriptions.Item>
        <Descriptions.Item label="Не писали">{r.missing.length}</Descriptions.Item>
        <Descriptions.Item label="Успеваемость">{pct(w.success)}</Descriptions.Item>
        <Descriptions.Item label="Качество">{pct(w.quality)}</Descriptions.Item>
        <Descriptions.Item label="Средний балл">{avg(w.average)}</Descriptions.Item>
        <Descriptions.Item label="Уроки" span={3}>
          {r.lessons.map((l) => `${l.lessonNumber}-й урок${l.groupName ? ` (${l.groupName})` : ''}, ${l.teacher}`).join('; ') || '—'}
        </Descriptions.Item>
      </Descriptions>
      <div data-testid="vshk-chart" style={{ width: '100%', height: 220 }}>
        <ResponsiveContainer>
          <BarChart data={chart} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="mark" />
            <YAxis allowDecimals={false} />
            <Tooltip formatter={(v) => [String(v), 'Отметок']} />
            <Bar dataKey="count" name="Отметок" fill="#4e79a7" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <Typography.Text data-testid="vshk-distribution">Распределение: {distributionText(w.distribution)}</Typography.Text>
      {r.missing.length > 0 && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          data-testid="vshk-missing"
          title={`Не писали: ${r.missing.map((s) => `${s.name}${s.absence ? ` (${absence(s)})` : ''}`).join(', ')}`}
        />
      )}
      <Table<ControlWorkStudent>
        style={{ marginTop: 12 }}
        size="small"
        rowKey="studentId"
        pagination={false}
        dataSource={r.students}
        columns={[
          { title: 'Ученик', dataIndex: 'name' },
          {
            title: 'Отметка',
            dataIndex: 'marks',
            width: 120,
            render: (m: string[]) => m.join('/') || <Tag color="orange">не писал(а)</Tag>,
          },
          { title: 'Пропуск урока', key: 'absence', render: (_: unknown, s) => absence(s) },
        ]}
      />
      <Notes lines={r.notes} spaced />
    </Card>
  );
}
