import { Alert, Button, Card, Form, Input, Tabs, Typography } from 'antd';
import { useState } from 'react';
import type { AppInfo } from '../../../main/contract/accounts-outputs';
import { call } from '../../api';

export function Login({ info, notice, onLoggedIn }: { info: AppInfo; notice?: string; onLoggedIn(token: string): void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (fn: () => Promise<{ token: string }>) => {
    setBusy(true);
    setError(null);
    try {
      onLoggedIn((await fn()).token);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ display: 'flex', justifyContent: 'center', alignItems: 'center', minHeight: '100%', background: '#eef2f7' }}>
      <Card style={{ width: 420 }} title="Школьный журнал">
        {notice && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Tabs
          items={[
            {
              key: 'login',
              label: 'Вход',
              children: (
                <Form
                  name="login"
                  layout="vertical"
                  onFinish={(v: { login: string; password: string }) => submit(() => call('auth.login', v))}
                >
                  <Form.Item label="Логин" name="login" rules={[{ required: true, message: 'Введите логин' }]}>
                    <Input autoFocus autoComplete="username" />
                  </Form.Item>
                  <Form.Item label="Пароль" name="password" rules={[{ required: true, message: 'Введите пароль' }]}>
                    <Input.Password autoComplete="current-password" />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" block loading={busy}>
                    Войти
                  </Button>
                </Form>
              ),
            },
            {
              key: 'activate',
              label: 'Первый вход по коду',
              children: (
                <Form
                  name="activate"
                  layout="vertical"
                  onFinish={(v: { login: string; code: string; password: string }) => submit(() => call('auth.activate', v))}
                >
                  <Form.Item label="Логин" name="login" rules={[{ required: true, message: 'Введите логин' }]}>
                    <Input />
                  </Form.Item>
                  <Form.Item label="Код активации (выдал администратор)" name="code" rules={[{ required: true, message: 'Введите код' }]}>
                    <Input placeholder="XXXX-XXXX-XXXX" />
                  </Form.Item>
                  <Form.Item
                    label="Новый пароль (не короче 10 символов)"
                    name="password"
                    rules={[{ required: true, min: 10, message: 'Не короче 10 символов' }]}
                  >
                    <Input.Password autoComplete="new-password" />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" block loading={busy}>
                    Задать пароль и войти
                  </Button>
                </Form>
              ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          Версия {info.version} · {info.runtime === 'browser-host' ? 'браузерная версия' : 'настольная версия'} · база: {info.dbFile}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
