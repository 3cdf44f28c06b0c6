import { Alert, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { Role } from '../../../main/contract/rules/roles';
import type { Output } from '../../../main/contract/index';
import { EditTable } from '../../components/EditTable';
import { OneTimeSecretModal } from '../../components/OneTimeSecret';
import { useMutation, useQuery } from '../../hooks';
import { actionName, entityName } from '../../labels';
import { localTime } from '../../../main/contract/rules/audit-labels';
import { useSession } from '../../session';

type User = Output<'users.list'>[number];

export function UsersScreen() {
  const { me } = useSession();
  const roleOptions = useMemo(() => Object.entries(me.roleNames).map(([value, label]) => ({ value, label })), [me.roleNames]);
  const users = useQuery('users.list', {});
  const staff = useQuery('staff.list', {});
  const mutate = useMutation();
  const [code, setCode] = useState<{ login: string; code: string } | null>(null);
  const [compromise, setCompromise] = useState<User | null>(null);
  return (
    <>
      <OneTimeSecretModal
        value={
          code && {
            what: 'Код активации',
            whose: code.login,
            secret: code.code,
            hint: 'Передайте код пользователю лично. Он вводит его при первом входе вместе с новым паролем; после закрытия окна код больше не показывается.',
          }
        }
        onClose={() => setCode(null)}
      />
      <EditTable
        rows={users.data}
        loading={users.loading}
        canEdit
        title="Пользователь"
        columns={[
          { title: 'Логин', dataIndex: 'login' },
          { title: 'Имя', dataIndex: 'displayName' },
          { title: 'Роли', dataIndex: 'roles', render: (rs: Role[]) => rs.map((r) => <Tag key={r}>{me.roleNames[r] ?? r}</Tag>) },
          {
            title: 'Состояние',
            key: 's',
            render: (_, u) => (
              <Space>
                {!u.activated && <Tag color="gold">ждёт активации</Tag>}
                {u.disabled ? <Tag color="red">отключён</Tag> : null}
                {u.compromisedAt && <Tag color="volcano">скомпрометирован с {new Date(u.compromisedAt).toLocaleString('ru-RU')}</Tag>}
              </Space>
            ),
          },
        ]}
        toForm={(u) => ({ login: u.login, displayName: u.displayName, staffId: u.staffId, roles: u.roles })}
        defaults={{ roles: ['teacher'] }}
        form={
          <>
            <Form.Item label="Логин" name="login" rules={[{ required: true, message: 'Введите логин' }]}>
              <Input />
            </Form.Item>
            <Form.Item label="Имя для отображения" name="displayName" rules={[{ required: true, message: 'Введите имя' }]}>
              <Input />
            </Form.Item>
            <Form.Item label="Сотрудник" name="staffId">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={(staff.data ?? []).map((s) => ({
                  value: s.id,
                  label: `${s.lastName} ${s.firstName} ${s.middleName} — ${s.position}`,
                }))}
              />
            </Form.Item>
            <Form.Item label="Роли" name="roles" rules={[{ required: true, message: 'Выберите роли' }]}>
              <Select mode="multiple" options={roleOptions} />
            </Form.Item>
          </>
        }
        onSave={async (v, id) => {
          const values = v as { login: string; displayName: string; staffId?: number; roles: Role[] };
          if (id)
            return (
              (await mutate('users.setRoles', { userId: id, roles: values.roles }, 'Роли изменены')) !== undefined &&
              (await users.reload(), true)
            );
          const r = await mutate('users.create', values, 'Пользователь создан');
          if (!r) return false;
          setCode({ login: values.login, code: r.activationCode });
          await users.reload();
          return true;
        }}
        rowActions={(u) =>
          u.id === me.userId ? null : (
            <>
              <Popconfirm
                title="Сбросить пароль? Пользователь получит новый код активации."
                okText="Сбросить"
                cancelText="Отмена"
                onConfirm={async () => {
                  const r = await mutate('users.resetPassword', { userId: u.id }, 'Пароль сброшен');
                  if (r) setCode({ login: u.login, code: r.activationCode });
                  await users.reload();
                }}
              >
                <Button size="small">Сбросить пароль</Button>
              </Popconfirm>
              <Button
                size="small"
                onClick={async () =>
                  (await mutate('users.setDisabled', { userId: u.id, disabled: !u.disabled })) !== undefined && users.reload()
                }
              >
                {u.disabled ? 'Включить' : 'Отключить'}
              </Button>
              <Button size="small" danger onClick={() => setCompromise(u)}>
                Утечка пароля…
              </Button>
            </>
          )
        }
      />
      {compromise && (
        <CompromiseDialog
          user={compromise}
          onChanged={() => void users.reload()}
          onClose={() => {
            setCompromise(null);
            void users.reload();
          }}
        />
      )}
    </>
  );
}

/**
 * Seeds 000, 001 §21: operations made with a leaked account since the report are invalid. One dialog: marking the leak
 * disables the account and lists its operations since then at once, ready to void and print. It fits a 1366×768 screen:
 * the list scrolls inside the dialog, the buttons stay in view.
 */
function CompromiseDialog({ user, onChanged, onClose }: { user: User; onChanged(): void; onClose(): void }) {
  const mutate = useMutation();
  const [since, setSince] = useState<Dayjs | null>(null);
  const [compromisedAt, setCompromisedAt] = useState<string | null>(user.compromisedAt);
  const ops = useQuery('users.compromisedOperations', compromisedAt ? { userId: user.id } : null, [compromisedAt]);
  const [result, setResult] = useState<string | null>(null);
  const count = ops.data?.length;
  return (
    <Modal
      open
      width="min(960px, calc(100vw - 32px))"
      style={{ top: 16, paddingBottom: 0 }}
      styles={{ body: { maxHeight: 'calc(100vh - 150px)', overflowY: 'auto' } }}
      title={`Утечка учётных данных: ${user.login}`}
      footer={<Button onClick={onClose}>Закрыть</Button>}
      onCancel={onClose}
    >
      {!compromisedAt ? (
        <Space direction="vertical">
          <Typography.Paragraph>
            Укажите, с какого момента учётные данные считаются скомпрометированными. Учётная запись будет отключена, а все операции,
            сделанные ею с этого момента, сразу будут показаны здесь для аннулирования.
          </Typography.Paragraph>
          <Space wrap>
            <DatePicker showTime format="DD.MM.YYYY HH:mm" value={since} onChange={setSince} aria-label="Момент утечки" />
            <Button
              danger
              disabled={!since}
              onClick={async () => {
                const at = since!.toISOString();
                if ((await mutate('users.markCompromised', { userId: user.id, since: at }, 'Учётная запись отключена')) !== undefined) {
                  setCompromisedAt(at);
                  onChanged();
                }
              }}
            >
              Отметить утечку
            </Button>
          </Space>
        </Space>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} className="print-area">
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            Отчёт об операциях скомпрометированной учётной записи {user.login} ({user.displayName})
          </Typography.Title>
          <Typography.Text type="secondary" className="no-print">
            Учётная запись отключена, её сеансы закрыты.
          </Typography.Text>
          {result && <Alert type="success" title={result} />}
          <Typography.Text data-testid="compromised-count">
            Операции учётной записи с {localTime(new Date(compromisedAt))}: {count ?? '…'}
          </Typography.Text>
          <Table
            rowKey="auditId"
            size="small"
            loading={ops.loading}
            dataSource={ops.data ?? []}
            pagination={false}
            scroll={{ y: 'calc(100vh - 430px)' }}
            locale={{ emptyText: 'Операций после этого момента нет' }}
            columns={[
              { title: 'Время', dataIndex: 'at', width: 150, render: (a: string) => localTime(new Date(a)) },
              { title: 'Действие', dataIndex: 'action', width: 130, render: actionName },
              { title: 'Объект', key: 'e', render: (_, o) => o.details || `${entityName(o.entity)} №${o.entityId ?? ''}` },
              { title: 'Аннулируется', dataIndex: 'voidable', width: 120, render: (v: boolean) => (v ? 'да' : 'вручную') },
            ]}
          />
          <Typography.Text>Сформирован {localTime(new Date())}. Администратор: ____________________</Typography.Text>
          <Space className="no-print" wrap>
            <Popconfirm
              title="Аннулировать все операции и вернуть прежние значения?"
              okText="Аннулировать"
              cancelText="Отмена"
              onConfirm={async () => {
                const r = await mutate('users.voidCompromised', { userId: user.id });
                if (r) setResult(`Аннулировано операций: ${r.voided}. Требуют ручной проверки: ${r.skipped.length}.`);
                await ops.reload();
              }}
            >
              <Button danger type="primary" disabled={!count}>
                Аннулировать операции
              </Button>
            </Popconfirm>
            <Button onClick={() => window.print()}>Печать отчёта</Button>
          </Space>
        </Space>
      )}
    </Modal>
  );
}
