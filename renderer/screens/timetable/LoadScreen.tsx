import { Alert, Button, Form, InputNumber, Popconfirm, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { NeedYear, shortName, useRefs } from './common';
import { SearchSelect } from '../../components/SearchSelect';

// Teaching load: teacher × class or group × subject × hours, with the checks against the curriculum.

export function LoadScreen() {
  return (
    <NeedYear>
      <Load />
    </NeedYear>
  );
}

function Load() {
  const { yearId, can } = useSession();
  const refs = useRefs();
  const list = useQuery('load.list', { yearId: yearId! });
  const check = useQuery('load.check', { yearId: yearId! });
  const mutate = useMutation();
  const [form] = Form.useForm();
  const [classId, setClassId] = useState<number | null>(null);
  const groups = useQuery('groups.list', classId ? { classId } : null);
  const reload = () => {
    void list.reload();
    void check.reload();
  };
  const add = async (v: { staffId: number; classId: number; groupId?: number; subjectId: number; hours: number }) => {
    if (await mutate('load.save', { id: null, yearId: yearId!, ...v, groupId: v.groupId ?? null }, 'Нагрузка сохранена')) reload();
  };
  return (
    <Tabs
      items={[
        {
          key: 'list',
          label: 'Нагрузка',
          children: (
            <Space direction="vertical" style={{ width: '100%' }}>
              {can('setup.write') && (
                <Form form={form} layout="inline" onFinish={add}>
                  <Form.Item name="staffId" rules={[{ required: true, message: 'Учитель' }]}>
                    <SearchSelect
                      aria-label="Учитель"
                      placeholder="Учитель"
                      style={{ width: 220 }}
                      options={refs.staff.map((s) => ({ value: s.id, label: shortName(s) }))}
                    />
                  </Form.Item>
                  <Form.Item name="classId" rules={[{ required: true, message: 'Класс' }]}>
                    <Select
                      aria-label="Класс"
                      placeholder="Класс"
                      style={{ width: 90 }}
                      onChange={(v) => setClassId(v)}
                      options={refs.classes.map((c) => ({ value: c.id, label: c.name }))}
                    />
                  </Form.Item>
                  <Form.Item name="groupId">
                    <Select
                      aria-label="Группа"
                      placeholder="весь класс"
                      allowClear
                      style={{ width: 200 }}
                      options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
                    />
                  </Form.Item>
                  <Form.Item name="subjectId" rules={[{ required: true, message: 'Предмет' }]}>
                    <SearchSelect
                      aria-label="Предмет"
                      placeholder="Предмет"
                      style={{ width: 220 }}
                      options={refs.subjects.map((s) => ({ value: s.id, label: s.name }))}
                    />
                  </Form.Item>
                  <Form.Item name="hours" rules={[{ required: true, message: 'Часы' }]}>
                    <InputNumber aria-label="Часы" placeholder="ч/нед" min={0.5} max={40} step={0.5} />
                  </Form.Item>
                  <Button htmlType="submit" type="primary">
                    Добавить
                  </Button>
                </Form>
              )}
              <Table
                size="small"
                rowKey="id"
                loading={list.loading}
                dataSource={list.data ?? []}
                pagination={{ pageSize: 50 }}
                columns={[
                  { title: 'Класс', dataIndex: 'className', width: 70 },
                  { title: 'Группа', dataIndex: 'groupName', render: (g) => g ?? 'весь класс' },
                  { title: 'Предмет', dataIndex: 'subjectName' },
                  { title: 'Учитель', dataIndex: 'teacher' },
                  { title: 'Часов', dataIndex: 'hours', width: 70 },
                  ...(can('setup.write')
                    ? [
                        {
                          title: '',
                          width: 90,
                          render: (_: unknown, r: { id: number }) => (
                            <Popconfirm
                              title="Удалить нагрузку?"
                              onConfirm={async () => (await mutate('load.delete', { id: r.id }, 'Удалено')) && reload()}
                            >
                              <Button size="small" danger>
                                Удалить
                              </Button>
                            </Popconfirm>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            </Space>
          ),
        },
        {
          key: 'check',
          label: `Проверка${check.data ? ` (${check.data.warnings.length})` : ''}`,
          children: (
            <Space direction="vertical" style={{ width: '100%' }}>
              {check.data?.warnings.length === 0 && <Alert type="success" showIcon title="Нагрузка соответствует учебному плану" />}
              {check.data?.warnings.map((w, i) => (
                <Alert
                  key={i}
                  type={w.kind === 'not-qualified' || w.kind === 'overload' ? 'warning' : 'error'}
                  showIcon
                  title={w.message}
                />
              ))}
            </Space>
          ),
        },
        {
          key: 'teachers',
          label: 'По учителям',
          children: (
            <Table
              size="small"
              rowKey="staffId"
              pagination={false}
              dataSource={check.data?.teachers ?? []}
              columns={[
                { title: 'Учитель', dataIndex: 'teacher' },
                {
                  title: 'Часов в неделю',
                  dataIndex: 'hours',
                  render: (h: number, t) => (t.overload ? <Tag color="red">{h} — перегрузка</Tag> : h),
                },
                { title: 'Ставок (18 ч)', dataIndex: 'rates' },
                { title: 'Классы', dataIndex: 'classes' },
              ]}
            />
          ),
        },
      ]}
    />
  );
}
