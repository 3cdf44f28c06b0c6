import { Form, Input, Switch, Tag } from 'antd';
import { DateField, ruDate } from '../../components/DateField';
import { EditTable } from '../../components/EditTable';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';

export function StaffScreen() {
  const { can } = useSession();
  const q = useQuery('staff.list', {});
  const mutate = useMutation();
  return (
    <EditTable
      rows={q.data}
      loading={q.loading}
      canEdit={can('setup.write')}
      title="Сотрудник"
      columns={[
        { title: 'Ф. И. О.', key: 'n', render: (_, s) => `${s.last_name} ${s.first_name} ${s.middle_name}` },
        { title: 'Должность', dataIndex: 'position' },
        { title: 'Дата рождения', dataIndex: 'birth_date', render: ruDate },
        { title: 'Телефон', dataIndex: 'phone' },
        { title: '', dataIndex: 'active', render: (a: number) => (a ? null : <Tag>не работает</Tag>) },
      ]}
      toForm={(s) => ({ ...s, active: !!s.active, snils: s.snils ?? '' })}
      defaults={{ active: true, middle_name: '', phone: '', email: '', snils: '' }}
      form={
        <>
          <Form.Item label="Фамилия" name="last_name" rules={[{ required: true, message: 'Введите фамилию' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="Имя" name="first_name" rules={[{ required: true, message: 'Введите имя' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="Отчество" name="middle_name">
            <Input />
          </Form.Item>
          <Form.Item label="Должность" name="position" rules={[{ required: true, message: 'Введите должность' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="Дата рождения" name="birth_date">
            <DateField />
          </Form.Item>
          <Form.Item label="СНИЛС" name="snils">
            <Input placeholder="123-456-789 64" />
          </Form.Item>
          <Form.Item label="Телефон" name="phone">
            <Input />
          </Form.Item>
          <Form.Item label="Электронная почта" name="email">
            <Input />
          </Form.Item>
          <Form.Item label="Работает" name="active" valuePropName="checked">
            <Switch />
          </Form.Item>
        </>
      }
      onSave={async (v, id) => {
        if ((await mutate('staff.save', { id, middle_name: '', phone: '', email: '', ...v } as never, 'Сотрудник сохранён')) === undefined) return false;
        await q.reload();
        return true;
      }}
    />
  );
}
