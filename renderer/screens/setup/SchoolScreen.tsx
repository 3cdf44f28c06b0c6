import { Alert, Button, Card, Form, Input } from 'antd';
import { useEffect } from 'react';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';

export function SchoolScreen() {
  const { can } = useSession();
  const { data, error, reload } = useQuery('school.get', {});
  const mutate = useMutation();
  const [form] = Form.useForm();
  useEffect(() => {
    if (data)
      form.setFieldsValue({
        full_name: data.fullName,
        short_name: data.shortName,
        address: data.address,
        director_name: data.directorName,
        phone: data.phone,
        email: data.email,
        inn: data.inn,
      });
  }, [data, form]);
  const editable = can('setup.write');
  return (
    <Card style={{ maxWidth: 820 }}>
      {error && <Alert type="error" title={error} />}
      <Form
        form={form}
        layout="vertical"
        disabled={!editable}
        onFinish={async (v) => {
          if (
            await mutate(
              'school.save',
              { address: '', director_name: '', phone: '', email: '', inn: '', ...v },
              'Сведения о школе сохранены',
            )
          )
            await reload();
        }}
      >
        <Form.Item label="Полное наименование" name="full_name" rules={[{ required: true, message: 'Заполните полное наименование' }]}>
          <Input.TextArea autoSize />
        </Form.Item>
        <Form.Item label="Краткое наименование" name="short_name" rules={[{ required: true, message: 'Заполните краткое наименование' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="Адрес" name="address">
          <Input />
        </Form.Item>
        <Form.Item label="Директор (Ф. И. О.)" name="director_name">
          <Input />
        </Form.Item>
        <Form.Item label="Телефон" name="phone">
          <Input />
        </Form.Item>
        <Form.Item label="Электронная почта" name="email">
          <Input />
        </Form.Item>
        <Form.Item label="ИНН" name="inn">
          <Input />
        </Form.Item>
        {editable && (
          <Button type="primary" htmlType="submit">
            Сохранить
          </Button>
        )}
      </Form>
    </Card>
  );
}
