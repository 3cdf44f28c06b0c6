import { Form, Input, InputNumber } from 'antd';
import { EditTable } from '../../components/EditTable';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';

export function RoomsScreen() {
  const { can } = useSession();
  const q = useQuery('rooms.list', {});
  const mutate = useMutation();
  return (
    <EditTable
      rows={q.data}
      loading={q.loading}
      canEdit={can('setup.write')}
      title="Кабинет"
      columns={[
        { title: 'Номер', dataIndex: 'number' },
        { title: 'Название', dataIndex: 'name' },
        { title: 'Мест', dataIndex: 'capacity' },
      ]}
      defaults={{ capacity: 30, name: '' }}
      form={
        <>
          <Form.Item label="Номер" name="number" rules={[{ required: true, message: 'Введите номер' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="Название" name="name">
            <Input />
          </Form.Item>
          <Form.Item label="Мест" name="capacity">
            <InputNumber min={1} max={500} />
          </Form.Item>
        </>
      }
      onSave={async (v, id) => {
        if ((await mutate('rooms.save', { id, name: '', ...v } as never, 'Кабинет сохранён')) === undefined) return false;
        await q.reload();
        return true;
      }}
    />
  );
}
