import { Alert, Button, DatePicker, Input, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useMutation, useQuery } from '../../hooks';
import { downloadBase64 } from '../timetable/common';
import { actionName, entityName } from '../../labels';
import { useSession } from '../../session';

export function AuditScreen() {
  const { yearId, can } = useSession();
  const [filters, setFilters] = useState<{
    userId?: number;
    classId?: number;
    entity?: string;
    range?: [Dayjs | null, Dayjs | null] | null;
  }>({});
  const users = useQuery('users.list', can('users.manage') ? {} : null);
  const classes = useQuery('classes.list', yearId ? { yearId } : null);
  const filter = {
    userId: filters.userId ?? null,
    classId: filters.classId ?? null,
    entity: filters.entity || undefined,
    from: filters.range?.[0]?.startOf('day').toISOString(),
    to: filters.range?.[1]?.endOf('day').toISOString(),
  };
  const input = { ...filter, limit: 500 };
  const log = useQuery('audit.list', input);
  const verify = useQuery('audit.verify', {});
  const mutate = useMutation();
  // The file is written in main by the program's one CSV writer (cells that look like formulas are neutralised).
  const exportCsv = async () => {
    const r = await mutate('audit.export', filter);
    if (r) downloadBase64(r.name, r.base64, 'text/csv');
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {verify.data &&
        (verify.data.ok ? (
          <Alert type="success" showIcon title={`Цепочка журнала аудита цела: ${verify.data.rows} записей.`} />
        ) : (
          <Alert type="error" showIcon title={`Журнал аудита нарушен: ${verify.data.problem}`} />
        ))}
      <Space wrap>
        <Select
          allowClear
          placeholder="Пользователь"
          style={{ width: 220 }}
          value={filters.userId}
          onChange={(userId) => setFilters({ ...filters, userId })}
          options={(users.data ?? []).map((u) => ({ value: u.id, label: u.login }))}
        />
        <Select
          allowClear
          placeholder="Класс"
          style={{ width: 120 }}
          value={filters.classId}
          onChange={(classId) => setFilters({ ...filters, classId })}
          options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <Input
          allowClear
          placeholder="Объект (student, class…)"
          style={{ width: 220 }}
          value={filters.entity}
          onChange={(e) => setFilters({ ...filters, entity: e.target.value })}
        />
        <DatePicker.RangePicker format="DD.MM.YYYY" value={filters.range ?? null} onChange={(range) => setFilters({ ...filters, range })} />
        <Button onClick={exportCsv}>Выгрузить CSV</Button>
      </Space>
      <Table
        rowKey="id"
        size="small"
        loading={log.loading}
        dataSource={log.data ?? []}
        pagination={{ pageSize: 50 }}
        expandable={{
          expandedRowRender: (r) => (
            <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{`до: ${r.before ?? '—'}\nпосле: ${r.after ?? '—'}`}</pre>
          ),
        }}
        columns={[
          { title: '№', dataIndex: 'id', width: 70 },
          { title: 'Время', dataIndex: 'at', render: (a: string) => new Date(a).toLocaleString('ru-RU') },
          { title: 'Пользователь', dataIndex: 'actor' },
          { title: 'Действие', dataIndex: 'action', render: actionName },
          { title: 'Объект', key: 'e', render: (_, r) => `${entityName(r.entity)}${r.entityId ? ` №${r.entityId}` : ''}` },
          {
            title: 'Итог',
            dataIndex: 'outcome',
            render: (o: string) => (
              <Tag color={o === 'ok' ? 'green' : o === 'denied' ? 'red' : 'orange'}>
                {o === 'ok' ? 'выполнено' : o === 'denied' ? 'отказано' : o}
              </Tag>
            ),
          },
        ]}
      />
    </Space>
  );
}
