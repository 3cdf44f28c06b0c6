import { Form, Input, Select, Space, Switch, Tag, Typography } from 'antd';
import { DateField, ruDate } from '../../components/DateField';
import { EditTable } from '../../components/EditTable';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { ExportButton } from '../../components/ExportButton';

export function StaffScreen() {
  const { can } = useSession();
  const q = useQuery('staff.list', {});
  const mutate = useMutation();
  const pedagogue = useQuery('notices.socialPedagogue', {});
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ExportButton list="staff" />
      {/* Seed 004 §3.4: the homeroom teacher tells the social pedagogue of a parent's refusal of any information. */}
      <Space wrap>
        <Typography.Text>Социальный педагог (видит список отказов родителей от сведений):</Typography.Text>
        <Select
          aria-label="Социальный педагог"
          style={{ width: 320 }}
          allowClear
          placeholder="не назначен"
          disabled={!can('setup.write')}
          showSearch={{ optionFilterProp: 'label' }}
          value={pedagogue.data?.staffId ?? undefined}
          options={(q.data ?? [])
            .filter((s) => s.active)
            .map((s) => ({ value: s.id, label: `${s.lastName} ${s.firstName} ${s.middleName} (${s.position})` }))}
          onChange={async (staffId?: number) => {
            if ((await mutate('notices.setSocialPedagogue', { staffId: staffId ?? null }, 'Сохранено')) !== undefined)
              await pedagogue.reload();
          }}
        />
      </Space>
      <EditTable
        rows={q.data}
        loading={q.loading}
        canEdit={can('setup.write')}
        title="Сотрудник"
        columns={[
          { title: 'Ф. И. О.', key: 'n', render: (_, s) => `${s.lastName} ${s.firstName} ${s.middleName}` },
          { title: 'Должность', dataIndex: 'position' },
          { title: 'Дата рождения', dataIndex: 'birthDate', render: ruDate },
          { title: 'Телефон', dataIndex: 'phone' },
          { title: '', dataIndex: 'active', render: (a: boolean) => (a ? null : <Tag>не работает</Tag>) },
        ]}
        toForm={(s) => ({
          last_name: s.lastName,
          first_name: s.firstName,
          middle_name: s.middleName,
          position: s.position,
          birth_date: s.birthDate,
          snils: s.snils ?? '',
          phone: s.phone,
          email: s.email,
          active: s.active,
        })}
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
          if (
            (await mutate('staff.save', { id, middle_name: '', phone: '', email: '', ...v } as never, 'Сотрудник сохранён')) === undefined
          )
            return false;
          await q.reload();
          return true;
        }}
      />
    </Space>
  );
}
