import { Alert, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { ProgrammeReport, ProgrammeRow } from '../../../main/contract/control-monitoring';
import { useQuery } from '../../hooks';
import { useSession } from '../../session';
import { NeedYear, ruDate } from '../timetable/common';
import { ClassFilter, Notes, XlsxButton } from './monitoring-common';
import { pct } from './ResultsScreen';

// The curriculum's fulfilment (issue 12, part 8): per class, subject and group the lessons planned, given, cancelled
// and lost up to today, and the thematic plan's topics passed against those due.

type Row = ProgrammeRow | ProgrammeReport['total'];

export function ProgrammeScreen() {
  return (
    <NeedYear>
      <Programme />
    </NeedYear>
  );
}

function Programme() {
  const { yearId } = useSession();
  const [classId, setClassId] = useState<number | null>(null);
  const q = useQuery('programme.report', yearId ? { yearId, classId } : null);
  const r = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <ClassFilter value={classId} onChange={setClassId} />
        {yearId && <XlsxButton channel="programme.export" input={{ yearId, classId }} />}
      </Space>
      {q.error && <Alert type="error" showIcon title={q.error} />}
      {r && (
        <>
          <Typography.Text data-testid="programme-summary">
            На {ruDate(r.today)}: запланировано {r.total.planned}, дано {r.total.given}, потеряно {r.total.lost} (выполнение{' '}
            {pct(r.total.fulfilled)}); тем пройдено {r.total.topicsPassed} из {r.total.topicsDue} к сегодняшнему дню
          </Typography.Text>
          <Table<Row>
            data-testid="programme-table"
            size="small"
            rowKey="key"
            loading={q.loading}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            dataSource={[...r.rows, r.total]}
            columns={[
              { title: 'Класс', dataIndex: 'className', width: 70 },
              {
                title: 'Предмет',
                key: 'subject',
                render: (_: unknown, x) => (x.groupName ? `${x.subjectName} (${x.groupName})` : x.subjectName),
              },
              { title: 'На год по расписанию', dataIndex: 'yearPlanned', align: 'right', width: 110 },
              { title: 'Запланировано', dataIndex: 'planned', align: 'right', width: 120 },
              { title: 'Дано', dataIndex: 'given', align: 'right', width: 70 },
              { title: 'Отменено', dataIndex: 'cancelled', align: 'right', width: 90 },
              {
                title: 'Потеряно',
                dataIndex: 'lost',
                align: 'right',
                width: 90,
                render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
              },
              { title: 'Выполнение', dataIndex: 'fulfilled', align: 'right', width: 110, render: pct },
              {
                title: 'Тематический план',
                dataIndex: 'planName',
                render: (n: string | null, x) => (x.key === 'total' ? '' : (n ?? '— нет —')),
              },
              { title: 'Тем в плане', dataIndex: 'topicsPlanned', align: 'right', width: 90 },
              { title: 'Тем к сегодня', dataIndex: 'topicsDue', align: 'right', width: 100 },
              { title: 'Пройдено тем', dataIndex: 'topicsPassed', align: 'right', width: 100 },
            ]}
          />
          <Notes lines={r.notes} />
        </>
      )}
    </Space>
  );
}
