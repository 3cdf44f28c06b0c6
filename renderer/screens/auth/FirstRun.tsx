import { Alert, Button, Card, Col, Form, Input, Result, Row, Typography } from 'antd';
import { useState } from 'react';
import { call, setToken } from '../../api';

/** The first start: a new school with its administrator, or the demo school to look around. */
export function FirstRun({ onDone }: { onDone(): void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'admin' | 'demo' | null>(null);
  const [demo, setDemo] = useState<{ logins: string[]; password: string } | null>(null);

  if (demo)
    return (
      <Result
        status="success"
        title="Демонстрационная школа создана"
        subTitle={
          <>
            Войдите под одной из учётных записей: <b>admin</b> (администратор), <b>zavuch</b> (заместитель директора), <b>director</b>,{' '}
            <b>office</b>, <b>teacher01</b>… Пароль у всех: <b>{demo.password}</b>
          </>
        }
        extra={
          <Button type="primary" onClick={onDone}>
            Перейти ко входу
          </Button>
        }
      />
    );

  return (
    <div style={{ padding: 48, background: '#eef2f7', minHeight: '100%' }}>
      <Typography.Title level={2}>Школьный журнал: первый запуск</Typography.Title>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Row gutter={24}>
        <Col span={12}>
          <Card title="Новая школа">
            <Typography.Paragraph>
              Создайте учётную запись администратора журнала. Остальных пользователей он добавит сам.
            </Typography.Paragraph>
            <Form
              layout="vertical"
              onFinish={async (v: { login: string; displayName: string; password: string }) => {
                setBusy('admin');
                setError(null);
                try {
                  const r = await call('auth.setupAdmin', v);
                  setToken(r.token);
                  onDone();
                } catch (e) {
                  setError((e as Error).message);
                } finally {
                  setBusy(null);
                }
              }}
            >
              <Form.Item label="Логин администратора" name="login" rules={[{ required: true, message: 'Введите логин' }]}>
                <Input />
              </Form.Item>
              <Form.Item label="Фамилия и инициалы" name="displayName" rules={[{ required: true, message: 'Введите имя' }]}>
                <Input />
              </Form.Item>
              <Form.Item
                label="Пароль (не короче 10 символов)"
                name="password"
                rules={[{ required: true, min: 10, message: 'Не короче 10 символов' }]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy === 'admin'}>
                Создать администратора
              </Button>
            </Form>
          </Card>
        </Col>
        <Col span={12}>
          <Card title="Демонстрационная школа">
            <Typography.Paragraph>
              Школа текущего учебного года, заполненная по сегодняшний день: около 1100 учеников, 43 класса, сотрудники, предметы,
              расписание, периоды и каникулы, журнал с отметками и пропусками, итоговые отметки прошедших четвертей, а также несколько
              учителей с долгами по журналу. Для знакомства с программой.
            </Typography.Paragraph>
            <Button
              loading={busy === 'demo'}
              onClick={async () => {
                setBusy('demo');
                setError(null);
                try {
                  setDemo(await call('app.createDemo', {}));
                } catch (e) {
                  setError((e as Error).message);
                } finally {
                  setBusy(null);
                }
              }}
            >
              Создать демонстрационную школу
            </Button>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
