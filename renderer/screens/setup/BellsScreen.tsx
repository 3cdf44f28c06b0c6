import { Alert, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Space, Table } from 'antd';
import { useState } from 'react';
import type { Output } from '../../../main/contract/index';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';

type Schedule = Output<'bells.list'>[number];

export function BellsScreen() {
  const { can, yearId } = useSession();
  const editable = can('setup.write');
  const list = useQuery('bells.list', yearId ? { yearId } : null);
  const mutate = useMutation();
  const [editing, setEditing] = useState<Schedule | 'new' | null>(null);
  const [form] = Form.useForm();
  if (!yearId) return <Empty description="Сначала создайте учебный год" />;
  const open = (s: Schedule | 'new') => {
    form.resetFields();
    form.setFieldsValue(
      s === 'new'
        ? { name: '', shift: 1, bells: [{ lesson_number: 1, start_time: '08:00', end_time: '08:40' }] }
        : {
            name: s.name,
            shift: s.shift,
            bells: s.bells.map((b) => ({ lesson_number: b.lessonNumber, start_time: b.startTime, end_time: b.endTime })),
          },
    );
    setEditing(s);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        title="Режим работы (5- или 6-дневная неделя, смена) и расписание звонков назначаются каждому классу на экране «Классы»."
      />
      {editable && (
        <Button type="primary" onClick={() => open('new')}>
          Добавить расписание звонков
        </Button>
      )}
      {list.error && <Alert type="error" title={list.error} />}
      <Space wrap align="start">
        {(list.data ?? []).map((s) => (
          <Card
            key={s.id}
            title={`${s.name} (${s.shift} смена)`}
            extra={
              editable && (
                <Button size="small" onClick={() => open(s)}>
                  Изменить
                </Button>
              )
            }
            style={{ width: 340 }}
          >
            <Table
              rowKey="lessonNumber"
              size="small"
              pagination={false}
              dataSource={s.bells}
              columns={[
                { title: 'Урок', dataIndex: 'lessonNumber' },
                { title: 'Начало', dataIndex: 'startTime' },
                { title: 'Конец', dataIndex: 'endTime' },
              ]}
            />
          </Card>
        ))}
      </Space>
      <Modal
        open={editing !== null}
        title="Расписание звонков"
        okText="Сохранить"
        cancelText="Отмена"
        destroyOnHidden
        onCancel={() => setEditing(null)}
        onOk={async () => {
          const v = await form.validateFields();
          const r = await mutate(
            'bells.save',
            { id: editing === 'new' ? null : editing!.id, yearId, ...v },
            'Расписание звонков сохранено',
          );
          if (r !== undefined) {
            setEditing(null);
            await list.reload();
          }
        }}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Space>
            <Form.Item label="Название" name="name" rules={[{ required: true, message: 'Введите название' }]}>
              <Input />
            </Form.Item>
            <Form.Item label="Смена" name="shift">
              <Select
                style={{ width: 120 }}
                options={[
                  { value: 1, label: 'первая' },
                  { value: 2, label: 'вторая' },
                ]}
              />
            </Form.Item>
          </Space>
          <Form.List name="bells">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'lesson_number']} rules={[{ required: true }]}>
                      <InputNumber min={0} max={12} addonBefore="№" style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'start_time']} rules={[{ required: true, pattern: /^\d\d:\d\d$/, message: 'ЧЧ:ММ' }]}>
                      <Input placeholder="08:00" style={{ width: 90 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'end_time']} rules={[{ required: true, pattern: /^\d\d:\d\d$/, message: 'ЧЧ:ММ' }]}>
                      <Input placeholder="08:40" style={{ width: 90 }} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>Убрать</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ lesson_number: fields.length + 1 })}>Добавить урок</Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Space>
  );
}
