import { Alert, Button, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Input as ChannelInput } from '../../../main/contract/index';
import { changeLine, ENTITY_NAMES, localTime } from '../../../main/contract/rules/audit-labels';
import { plural } from '../../../main/contract/rules/plural';
import { useMutation, useQuery } from '../../hooks';
import { downloadBase64 } from '../timetable/common';
import { useSession } from '../../session';

// The audit log in people's terms (issue 15 part 5): names instead of ids, the changes as «поле: было → стало», filters
// by person, class and kind of object, pages read from main with the total, CSV and XLSX made in main from the same rows.

const PAGE_SIZE = 50;
const ENTITY_OPTIONS = Object.entries(ENTITY_NAMES)
  .map(([value, label]) => ({ value, label: label[0].toUpperCase() + label.slice(1) }))
  .sort((a, b) => a.label.localeCompare(b.label, 'ru'));
const count = (n: number) => n.toLocaleString('ru-RU').replace(/\s/g, '\u00a0');

export function AuditScreen() {
  const { yearId } = useSession();
  const [filters, setFilters] = useState<{
    person?: string;
    classId?: number;
    entity?: string;
    range?: [Dayjs | null, Dayjs | null] | null;
  }>({});
  const [page, setPage] = useState(1);
  const classes = useQuery('classes.list', yearId ? { yearId } : null);
  const filter: ChannelInput<'audit.export'> = {
    person: filters.person?.trim() || undefined,
    classId: filters.classId ?? null,
    entity: filters.entity || undefined,
    from: filters.range?.[0]?.startOf('day').toISOString(),
    to: filters.range?.[1]?.endOf('day').toISOString(),
  };
  const log = useQuery('audit.list', { ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const verify = useQuery('audit.verify', {});
  const mutate = useMutation();
  const change = (f: Partial<typeof filters>) => {
    setFilters({ ...filters, ...f });
    setPage(1);
  };
  // The files are written in main: CSV by the program's one CSV writer (formulas neutralised), XLSX by exceljs.
  const exportAs = async (format: 'csv' | 'xlsx') => {
    const r = await mutate('audit.export', { ...filter, format });
    if (r)
      downloadBase64(r.name, r.base64, format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  };
  const total = log.data?.total ?? 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {verify.data &&
        (verify.data.ok ? (
          <Alert
            type="success"
            showIcon
            title={`Цепочка журнала аудита цела: ${count(verify.data.rows)} ${plural(verify.data.rows, ['запись', 'записи', 'записей'])}.`}
          />
        ) : (
          <Alert type="error" showIcon title={`Журнал аудита нарушен: ${verify.data.problem}`} />
        ))}
      <Space wrap>
        <Input.Search
          allowClear
          placeholder="Сотрудник: фамилия или логин"
          aria-label="Сотрудник"
          style={{ width: 260 }}
          onSearch={(person) => change({ person })}
        />
        <Select
          allowClear
          placeholder="Класс"
          aria-label="Класс"
          style={{ width: 110 }}
          value={filters.classId}
          onChange={(classId) => change({ classId })}
          options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="Вид объекта"
          aria-label="Вид объекта"
          style={{ width: 230 }}
          value={filters.entity}
          onChange={(entity) => change({ entity })}
          options={ENTITY_OPTIONS}
        />
        <DatePicker.RangePicker
          format="DD.MM.YYYY"
          placeholder={['С даты', 'По дату']}
          value={filters.range ?? null}
          onChange={(range) => change({ range })}
        />
        <Button onClick={() => exportAs('csv')}>Выгрузить CSV</Button>
        <Button onClick={() => exportAs('xlsx')}>Выгрузить XLSX</Button>
      </Space>
      {log.error && <Alert type="error" showIcon title={log.error} />}
      <Typography.Text data-testid="audit-total">
        Найдено: {count(total)} {plural(total, ['запись', 'записи', 'записей'])}
      </Typography.Text>
      <Table
        rowKey="id"
        size="small"
        loading={log.loading}
        dataSource={log.data?.rows ?? []}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (t, [a, b]) => `${count(a)}–${count(b)} из ${count(t)}`,
        }}
        expandable={{
          rowExpandable: (r) => r.changes.length > 0,
          expandedRowRender: (r) => (
            <ul className="audit-changes" style={{ margin: 0, paddingLeft: 20, fontSize: 12 }}>
              {r.changes.map((c, i) => (
                <li key={i}>{changeLine(c)}</li>
              ))}
            </ul>
          ),
        }}
        columns={[
          { title: '№', dataIndex: 'id', width: 80 },
          { title: 'Время', dataIndex: 'at', width: 170, render: (a: string) => localTime(new Date(a)) },
          { title: 'Пользователь', dataIndex: 'actor', ellipsis: true },
          { title: 'Действие', dataIndex: 'actionName', width: 150 },
          {
            title: 'Объект',
            key: 'object',
            render: (_, r) => (
              <span>
                {r.entityName}
                {r.objectName && <Typography.Text type="secondary">: {r.objectName}</Typography.Text>}
              </span>
            ),
          },
          { title: 'Класс', dataIndex: 'className', width: 70, render: (c: string | null) => c ?? '' },
          {
            title: 'Итог',
            dataIndex: 'outcome',
            width: 110,
            render: (o: string, r) => <Tag color={o === 'ok' ? 'green' : o === 'denied' ? 'red' : 'orange'}>{r.outcomeName}</Tag>,
          },
        ]}
      />
    </Space>
  );
}
