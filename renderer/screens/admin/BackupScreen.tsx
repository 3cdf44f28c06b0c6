import { mebibytes } from '../../../main/contract/rules/numbers';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../main/contract/index';
import { call } from '../../api';
import { useMutation, useQuery } from '../../hooks';
import { copyText } from '../../components/clipboard';

// Резервные копии: ключ, места записи, расписание, история с проверкой, «сделать сейчас»,
// пробное восстановление и восстановление. Права проверяет main (backup.manage).

type Job = Output<'backup.progress'>;
type BackupFile = Output<'backup.list'>[number];

const PHASES: Record<string, string> = {
  start: 'Подготовка',
  snapshot: 'Снимок базы',
  pack: 'Сжатие и шифрование',
  copy: 'Запись на носитель',
  verify: 'Проверка записанного',
  rotate: 'Удаление старых копий',
  decrypt: 'Расшифровка',
  check: 'Проверка целостности',
  swap: 'Замена базы',
  done: 'Готово',
};

const mib = (n: number | null | undefined) => (n == null ? '—' : mebibytes(n));
const when = (s: string | null | undefined) => (s ? new Date(s).toLocaleString('ru-RU') : '—');

function download(name: string, data: BlobPart, type: string) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function JobProgress({ job }: { job: Job }) {
  if (!job) return null;
  const pct = job.status === 'running' ? Math.min(99, Math.round((job.done / Math.max(job.total, 1)) * 100)) : 100;
  return (
    <Card size="small" data-testid="backup-job">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          {PHASES[job.phase] ?? job.phase}
          {job.destination ? ` — ${job.destination}` : ''}
        </Typography.Text>
        <Progress percent={pct} status={job.status === 'failed' ? 'exception' : job.status === 'ok' ? 'success' : 'active'} />
        {job.status !== 'running' && job.message && (
          <Alert type={job.status === 'ok' ? 'success' : 'error'} message={<span style={{ whiteSpace: 'pre-wrap' }}>{job.message}</span>} />
        )}
      </Space>
    </Card>
  );
}

/** Polls the running job while there is one. */
function useJob(onFinished: () => void) {
  const [job, setJob] = useState<Job>(null);
  const [polling, setPolling] = useState(false);
  useEffect(() => {
    if (!polling) return;
    const t = setInterval(async () => {
      try {
        const j = await call('backup.progress', {});
        setJob(j);
        if (!j || j.status !== 'running') {
          setPolling(false);
          onFinished();
        }
      } catch {
        /* a poll during a restore's swap may fail: the next one answers */
      }
    }, 400);
    return () => clearInterval(t);
  }, [polling, onFinished]);
  return { job, setJob, start: () => setPolling(true) };
}

type Secret = Output<'backup.keygen'>;
type SavedVia = 'file' | 'sheet' | 'copy';

const sheetBytes = (r: Secret) => Uint8Array.from(atob(r.sheetPdfBase64), (c) => c.charCodeAt(0));

/**
 * The secret key, shown once. It stays open until the administrator has saved the key one way or another and
 * confirmed it; main records the confirmation (backup.confirmKey) and refuses key-mode backups until then. It cannot
 * be dismissed: no close button, no Escape, no click outside.
 */
function SecretKeyModal({ secret, onConfirmed }: { secret: Secret | null; onConfirmed(): void }) {
  const mutate = useMutation();
  const { message } = App.useApp();
  const [via, setVia] = useState<SavedVia[]>([]);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setVia([]);
    setSaved(false);
  }, [secret?.recipient]);
  const used = (v: SavedVia) => setVia((old) => (old.includes(v) ? old : [...old, v]));
  const confirm = async () => {
    if (!secret) return;
    setBusy(true);
    try {
      const ok = await mutate('backup.confirmKey', { recipient: secret.recipient, saved: true, via }, 'Сохранение ключа подтверждено');
      if (ok) onConfirmed();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!secret}
      title="Секретный ключ — показывается один раз"
      closable={false}
      keyboard={false}
      maskClosable={false}
      width={720}
      data-testid="secret-key-modal"
      footer={
        <Button type="primary" disabled={!saved || busy} loading={busy} onClick={confirm}>
          Подтвердить
        </Button>
      }
    >
      {secret && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type="warning"
            showIcon
            message="Сохраните ключ вне этого компьютера: файл ключа на свой носитель и/или распечатанный лист восстановления в сейф. Программа больше не покажет этот ключ, а без него резервные копии не откроет никто."
          />
          {!secret.protectedFile && (
            <Typography.Text code style={{ wordBreak: 'break-all', fontSize: 15 }} data-testid="secret-key">
              {secret.identity}
            </Typography.Text>
          )}
          {secret.protectedFile && (
            <Typography.Text>Файл ключа защищён парольной фразой; парольную фразу храните отдельно от файла и листа.</Typography.Text>
          )}
          <Space wrap>
            <Button
              onClick={() => {
                download(secret.keyFileName, secret.keyFile, 'text/plain');
                used('file');
              }}
            >
              Сохранить файл ключа
            </Button>
            <Button
              onClick={() => {
                download('лист-восстановления.pdf', sheetBytes(secret), 'application/pdf');
                used('sheet');
              }}
            >
              Лист восстановления (PDF) — распечатать
            </Button>
            <Button
              onClick={async () => {
                if (await copyText(secret.protectedFile ? secret.keyFile : secret.identity)) used('copy');
                else message.error('Не удалось скопировать ключ: сохраните файл ключа или лист восстановления.');
              }}
            >
              {secret.protectedFile ? 'Скопировать файл ключа' : 'Скопировать ключ'}
            </Button>
          </Space>
          {via.length > 0 && (
            <Typography.Text type="secondary" data-testid="secret-key-saved-via">
              Сделано:{' '}
              {via
                .map((v) => ({ file: 'файл ключа сохранён', sheet: 'лист восстановления сохранён', copy: 'ключ скопирован' })[v])
                .join(', ')}
              .
            </Typography.Text>
          )}
          <Checkbox checked={saved} disabled={via.length === 0} onChange={(e) => setSaved(e.target.checked)}>
            Я сохранил ключ в надёжном месте
          </Checkbox>
          {via.length === 0 && <Typography.Text type="secondary">Сначала сохраните ключ одним из способов выше.</Typography.Text>}
        </Space>
      )}
    </Modal>
  );
}

/** For a key whose confirmation was never recorded (the window closed before it): prove it with the key itself. */
function ConfirmWithKey({ recipient, reload }: { recipient: string; reload(): void }) {
  const mutate = useMutation();
  const [keyText, setKeyText] = useState('');
  const [keyPassphrase, setKeyPassphrase] = useState('');
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
      <Alert
        type="error"
        showIcon
        message="Не подтверждено, что секретный ключ сохранён: резервные копии ключом школы не делаются, расписание не действует."
        description="Если файл ключа или лист восстановления у вас есть, укажите ключ ниже — программа проверит, что он подходит. Если ключа нет, создайте новый ключ."
      />
      <Input.TextArea
        aria-label="Секретный ключ для проверки"
        rows={2}
        placeholder="AGE-SECRET-KEY-1… или содержимое файла ключа"
        value={keyText}
        onChange={(e) => setKeyText(e.target.value)}
      />
      <Space wrap>
        <input
          type="file"
          aria-label="Файл ключа для проверки"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (f) setKeyText(await f.text());
          }}
        />
        <Input.Password
          aria-label="Парольная фраза файла ключа для проверки"
          placeholder="Парольная фраза файла ключа (если он защищён)"
          value={keyPassphrase}
          onChange={(e) => setKeyPassphrase(e.target.value)}
          style={{ width: 320 }}
        />
        <Button
          disabled={!keyText.trim()}
          onClick={async () => {
            const ok = await mutate(
              'backup.confirmKey',
              { recipient, saved: true, via: [], keyText, keyPassphrase: keyPassphrase || undefined },
              'Ключ подходит: сохранение подтверждено',
            );
            if (ok) {
              setKeyText('');
              setKeyPassphrase('');
              reload();
            }
          }}
        >
          Проверить ключ и подтвердить
        </Button>
      </Space>
    </Space>
  );
}

function KeyCard({ status, reload, onSecret }: { status: Output<'backup.status'>; reload(): void; onSecret(s: Secret): void }) {
  const mutate = useMutation();
  const { modal } = App.useApp();
  const [passphrase, setPassphrase] = useState('');
  const [usePass, setUsePass] = useState(false);
  const key = status.key;

  const generate = async () => {
    const run = async () => {
      const r = await mutate('backup.keygen', { passphrase: usePass ? passphrase : undefined, replace: !!key }, 'Ключ создан');
      if (r) onSecret(r);
    };
    // Replacing a confirmed key matters for the backups already sealed to it; an unconfirmed one sealed nothing.
    if (key?.confirmedAt)
      modal.confirm({
        title: 'Заменить ключ резервных копий?',
        content: 'Новые копии будут зашифрованы новым ключом. Старые копии открываются только старым ключом — не уничтожайте его.',
        okText: 'Заменить',
        cancelText: 'Отмена',
        onOk: run,
      });
    else await run();
  };

  return (
    <Card title="Ключ резервных копий" size="small" data-testid="backup-key-card">
      {key ? (
        <>
          <Typography.Paragraph>
            Открытый ключ (хранится на компьютере):{' '}
            <Typography.Text code copyable>
              {key.recipient}
            </Typography.Text>
            <br />
            Создан {when(key.createdAt)}. Секретный ключ на компьютере не хранится.
            {key.confirmedAt && <> Сохранение секретного ключа подтверждено {when(key.confirmedAt)}.</>}
          </Typography.Paragraph>
          {!key.confirmedAt && <ConfirmWithKey recipient={key.recipient} reload={reload} />}
        </>
      ) : (
        <Alert
          type="warning"
          showIcon
          message="Ключ ещё не создан: плановые копии шифруются открытым ключом, секретный хранится вне компьютера."
          style={{ marginBottom: 12 }}
        />
      )}
      <Space wrap>
        <Checkbox checked={usePass} onChange={(e) => setUsePass(e.target.checked)}>
          Защитить файл ключа парольной фразой
        </Checkbox>
        {usePass && (
          <Input.Password
            aria-label="Парольная фраза файла ключа"
            placeholder="не короче 10 символов"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            style={{ width: 260 }}
          />
        )}
        <Button type={key ? 'default' : 'primary'} onClick={generate}>
          {key ? 'Создать новый ключ…' : 'Создать ключ'}
        </Button>
      </Space>
    </Card>
  );
}

function DestinationsCard({ status, reload }: { status: Output<'backup.status'>; reload(): void }) {
  const mutate = useMutation();
  const [folder, setFolder] = useState('');
  const [folderLabel, setFolderLabel] = useState('');
  const [root, setRoot] = useState<string | undefined>();
  const [driveLabel, setDriveLabel] = useState('Носитель резервных копий');
  const unmarked = status.volumes.filter((v) => !v.marked);
  return (
    <Card title="Куда записывать" size="small">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={status.destinations}
        locale={{ emptyText: 'Не указано ни одного места' }}
        columns={[
          { title: 'Название', dataIndex: 'label' },
          { title: 'Вид', render: (_, d) => (d.kind === 'drive' ? 'носитель (по метке)' : 'папка') },
          { title: 'Где сейчас', render: (_, d) => d.dir ?? '—' },
          { title: 'Состояние', render: (_, d) => (d.connected ? <Tag color="green">подключено</Tag> : <Tag color="red">не найдено</Tag>) },
          {
            title: 'Записывать',
            render: (_, d) => (
              <Switch
                checked={d.enabled}
                onChange={async (v) => (await mutate('backup.setDestinationEnabled', { id: d.id, enabled: v })) && reload()}
              />
            ),
          },
          {
            title: '',
            render: (_, d) => (
              <Button
                size="small"
                danger
                onClick={async () => (await mutate('backup.removeDestination', { id: d.id }, 'Убрано из списка')) && reload()}
              >
                Убрать
              </Button>
            ),
          },
        ]}
      />
      <Space wrap style={{ marginTop: 12 }}>
        <Input
          aria-label="Папка"
          placeholder="Полный путь к папке"
          value={folder}
          onChange={(e) => setFolder(e.target.value)}
          style={{ width: 320 }}
        />
        <Input
          aria-label="Название папки"
          placeholder="Название (необязательно)"
          value={folderLabel}
          onChange={(e) => setFolderLabel(e.target.value)}
          style={{ width: 200 }}
        />
        <Button
          onClick={async () =>
            (await mutate('backup.addFolder', { path: folder, label: folderLabel }, 'Папка добавлена')) && (setFolder(''), reload())
          }
        >
          Добавить папку
        </Button>
      </Space>
      <Space wrap style={{ marginTop: 8 }}>
        <Select
          aria-label="Подключённый носитель"
          placeholder={unmarked.length ? 'Подключённый носитель' : 'Съёмных носителей не найдено'}
          value={root}
          onChange={setRoot}
          style={{ width: 320 }}
          options={unmarked.map((v) => ({ value: v.root, label: `${v.root} (свободно ${mib(v.free)}${v.fat ? ', FAT' : ''})` }))}
        />
        <Input aria-label="Название носителя" value={driveLabel} onChange={(e) => setDriveLabel(e.target.value)} style={{ width: 200 }} />
        <Button
          disabled={!root}
          onClick={async () =>
            (await mutate('backup.addDrive', { root: root!, label: driveLabel }, 'Носитель помечен как носитель резервных копий школы')) &&
            (setRoot(undefined), reload())
          }
        >
          Сделать носителем резервных копий
        </Button>
        <Button onClick={reload}>Обновить список</Button>
      </Space>
    </Card>
  );
}

function ScheduleCard({ status, reload }: { status: Output<'backup.status'>; reload(): void }) {
  const mutate = useMutation();
  const [form] = Form.useForm();
  useEffect(() => {
    form.setFieldsValue({ ...status.schedule, at: dayjs(status.schedule.time, 'HH:mm'), ...status.retention });
  }, [status, form]);
  return (
    <Card title="Расписание и хранение" size="small">
      <Form
        form={form}
        layout="inline"
        onFinish={async (v) => {
          const ok = await mutate(
            'backup.setSchedule',
            {
              enabled: v.enabled,
              time: v.at.format('HH:mm'),
              weekdaysOnly: v.weekdaysOnly,
              retention: { daily: v.daily, weekly: v.weekly, monthly: v.monthly },
            },
            'Расписание сохранено',
          );
          if (ok) reload();
        }}
      >
        <Form.Item name="enabled" label="По расписанию" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="at" label="Время">
          <TimePicker format="HH:mm" allowClear={false} />
        </Form.Item>
        <Form.Item name="weekdaysOnly" label="Дни">
          <Radio.Group
            options={[
              { value: false, label: 'ежедневно' },
              { value: true, label: 'пн–пт' },
            ]}
          />
        </Form.Item>
        <Form.Item name="daily" label="Хранить: ежедневных">
          <InputNumber min={1} max={366} />
        </Form.Item>
        <Form.Item name="weekly" label="еженедельных">
          <InputNumber min={0} max={520} />
        </Form.Item>
        <Form.Item name="monthly" label="ежемесячных">
          <InputNumber min={0} max={1200} />
        </Form.Item>
        <Button htmlType="submit">Сохранить</Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        Следующая копия:{' '}
        {!status.schedule.enabled
          ? 'расписание выключено'
          : status.key?.confirmedAt
            ? when(status.nextRun)
            : 'не назначена — ключ не создан или его сохранение не подтверждено'}
        . Копии на конец учебного года (архивные) не удаляются никогда. Если программа бывает закрыта, добавьте в планировщик Windows
        команду <Typography.Text code>school-journal backup create --db …</Typography.Text>.
      </Typography.Paragraph>
    </Card>
  );
}

function UnlockFields({ value, onChange }: { value: UnlockValue; onChange(v: UnlockValue): void }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Radio.Group
        value={value.mode}
        onChange={(e) => onChange({ ...value, mode: e.target.value })}
        options={[
          { value: 'key', label: 'Секретный ключ / файл ключа' },
          { value: 'passphrase', label: 'Парольная фраза копии' },
        ]}
      />
      {value.mode === 'key' ? (
        <>
          <Input.TextArea
            aria-label="Секретный ключ"
            rows={3}
            placeholder="AGE-SECRET-KEY-1… или содержимое файла ключа"
            value={value.keyText}
            onChange={(e) => onChange({ ...value, keyText: e.target.value })}
          />
          <input
            type="file"
            aria-label="Файл ключа"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (f) onChange({ ...value, keyText: await f.text() });
            }}
          />
          <Input.Password
            aria-label="Парольная фраза файла ключа"
            placeholder="Парольная фраза файла ключа (если он защищён)"
            value={value.keyPassphrase}
            onChange={(e) => onChange({ ...value, keyPassphrase: e.target.value })}
          />
        </>
      ) : (
        <Input.Password
          aria-label="Парольная фраза копии"
          value={value.passphrase}
          onChange={(e) => onChange({ ...value, passphrase: e.target.value })}
        />
      )}
    </Space>
  );
}
interface UnlockValue {
  mode: 'key' | 'passphrase';
  keyText: string;
  keyPassphrase: string;
  passphrase: string;
}
const unlockInput = (u: UnlockValue) =>
  u.mode === 'key' ? { keyText: u.keyText, keyPassphrase: u.keyPassphrase || undefined } : { passphrase: u.passphrase };

export function BackupScreen() {
  const { message, modal } = App.useApp();
  const status = useQuery('backup.status', {});
  const history = useQuery('backup.history', {});
  const files = useQuery('backup.list', {});
  const reloadAll = useCallback(() => {
    void status.reload();
    void history.reload();
    void files.reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status.reload, history.reload, files.reload]);
  const { job, setJob, start } = useJob(reloadAll);
  const [onDemandPass, setOnDemandPass] = useState('');
  const [archive, setArchive] = useState(false);
  const [target, setTarget] = useState<string>('');
  const [unlock, setUnlock] = useState<UnlockValue>({ mode: 'key', keyText: '', keyPassphrase: '', passphrase: '' });
  const [drillResult, setDrillResult] = useState<Output<'backup.drill'> | null>(null);
  const [busy, setBusy] = useState(false);
  // The secret key just created lives here, in the screen itself, not in the key card: see SecretKeyModal.
  const [secret, setSecret] = useState<Secret | null>(null);
  const onSecret = useCallback(
    (r: Secret) => {
      setSecret(r);
      reloadAll();
    },
    [reloadAll],
  );
  const onConfirmed = useCallback(() => {
    setSecret(null);
    reloadAll();
  }, [reloadAll]);
  const secretModal = <SecretKeyModal secret={secret} onConfirmed={onConfirmed} />;

  useEffect(() => {
    if (status.data?.job?.status === 'running') {
      setJob(status.data.job);
      start();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status.data?.job?.status]);

  const backupNow = async () => {
    try {
      setJob(await call('backup.create', { kind: archive ? 'archive' : 'regular', passphrase: onDemandPass || undefined }));
      start();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const runDrill = async () => {
    setBusy(true);
    setDrillResult(null);
    try {
      const r = await call('backup.drill', { file: target, ...unlockInput(unlock) });
      setDrillResult(r);
      message.success('Пробное восстановление прошло: копия читается');
    } catch (e) {
      message.error({ content: (e as Error).message, duration: 8 });
    } finally {
      setBusy(false);
      reloadAll();
    }
  };

  const runRestore = () =>
    modal.confirm({
      title: 'Заменить базу данных резервной копией?',
      content:
        'Всё, что внесено после этой копии, пропадёт из рабочей базы (текущая база сохранится рядом отдельным файлом). Все пользователи должны будут войти снова.',
      okText: 'Восстановить',
      okButtonProps: { danger: true },
      cancelText: 'Отмена',
      onOk: async () => {
        setBusy(true);
        try {
          const r = await call('backup.restore', { file: target, ...unlockInput(unlock), confirm: true });
          modal.success({ title: 'База восстановлена', content: r.message, onOk: () => window.location.reload() });
        } catch (e) {
          message.error({ content: (e as Error).message, duration: 10 });
        } finally {
          setBusy(false);
        }
      },
    });

  if (status.error)
    return (
      <>
        <Alert type="error" message={status.error} />
        {secretModal}
      </>
    );
  const s = status.data;
  if (!s) return secretModal;
  const running = job?.status === 'running';

  // Every child of this Space carries its own key: antd's Space keys unkeyed children by position, so when the number
  // of warnings changed (creating the key removes «не создан ключ»), the cards below shifted one place, React saw a
  // different component type at each position and remounted them. The key card's secret-key dialog was lost that way
  // (it closed by itself about 0.1 s after «Ключ создан», as soon as backup.status reloaded).
  return (
    <>
      {secretModal}
      <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="backup-screen">
        {s.warnings.map((w) => (
          <Alert key={`warning:${w}`} type="warning" showIcon message={w} />
        ))}
        <Card key="now" title="Сделать копию сейчас" size="small">
          <Space wrap>
            <Input.Password
              aria-label="Парольная фраза для этой копии"
              placeholder="Парольная фраза (необязательно; иначе — ключ школы)"
              value={onDemandPass}
              onChange={(e) => setOnDemandPass(e.target.value)}
              style={{ width: 360 }}
            />
            <Checkbox checked={archive} onChange={(e) => setArchive(e.target.checked)}>
              Архивная копия на конец года (не удаляется)
            </Checkbox>
            <Button type="primary" onClick={backupNow} disabled={running} data-testid="backup-now">
              Сделать резервную копию
            </Button>
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 8 }}>
            Последняя проверенная копия: {s.lastVerified ? `${when(s.lastVerified.at)}, ${s.lastVerified.destination}` : 'нет'}.
          </Typography.Paragraph>
          <JobProgress job={job} />
        </Card>
        <KeyCard key="key" status={s} reload={reloadAll} onSecret={onSecret} />
        <DestinationsCard key="destinations" status={s} reload={reloadAll} />
        <ScheduleCard key="schedule" status={s} reload={reloadAll} />
        <Card key="restore" title="Проверка и восстановление" size="small">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Select
              aria-label="Резервная копия"
              showSearch
              placeholder="Выберите копию на подключённых носителях"
              value={target || undefined}
              onChange={setTarget}
              style={{ width: '100%' }}
              options={(files.data ?? []).map((f: BackupFile) => ({
                value: f.file,
                label: `${when(f.createdAt)} · ${f.destination} · ${mib(f.bytes)}${f.kind === 'archive' ? ' · архивная' : ''}${f.mode === 'passphrase' ? ' · парольная фраза' : ''}${f.hasManifest ? '' : ' · без описи'}`,
              }))}
            />
            <Input
              aria-label="Путь к файлу копии"
              placeholder="…или полный путь к файлу *.age"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
            />
            <UnlockFields value={unlock} onChange={setUnlock} />
            <Space>
              <Button onClick={runDrill} loading={busy} disabled={!target || running}>
                Пробное восстановление (ничего не заменяет)
              </Button>
              <Button danger onClick={runRestore} disabled={!target || busy || running}>
                Восстановить базу из копии…
              </Button>
            </Space>
            {drillResult && <Alert type={drillResult.auditChainOk ? 'success' : 'warning'} showIcon message={drillResult.message} />}
          </Space>
        </Card>
        <Card key="history" title="История" size="small">
          <Table
            size="small"
            rowKey="id"
            dataSource={history.data?.runs ?? []}
            pagination={{ pageSize: 10 }}
            columns={[
              { title: 'Когда', render: (_, r) => when(r.finishedAt) },
              {
                title: 'Как',
                render: (_, r) =>
                  ({ manual: 'вручную', scheduled: 'по расписанию', cli: 'командой' })[r.trigger] +
                  (r.kind === 'archive' ? ', архивная' : ''),
              },
              { title: 'Куда', dataIndex: 'destination' },
              { title: 'Размер', render: (_, r) => mib(r.fileBytes) },
              {
                title: 'Проверка',
                render: (_, r) => (r.status === 'ok' && r.verified ? <Tag color="green">проверена</Tag> : <Tag color="red">ошибка</Tag>),
              },
              { title: 'Сообщение', dataIndex: 'message' },
            ]}
          />
          <Table
            size="small"
            rowKey="id"
            dataSource={history.data?.checks ?? []}
            pagination={{ pageSize: 5 }}
            columns={[
              { title: 'Когда', render: (_, r) => when(r.at) },
              { title: 'Что', render: (_, r) => (r.kind === 'drill' ? 'пробное восстановление' : 'восстановление') },
              { title: 'Итог', render: (_, r) => (r.ok ? <Tag color="green">успешно</Tag> : <Tag color="red">отказ</Tag>) },
              { title: 'Сообщение', dataIndex: 'message' },
              { title: 'Кто', dataIndex: 'actor' },
            ]}
          />
        </Card>
      </Space>
    </>
  );
}
