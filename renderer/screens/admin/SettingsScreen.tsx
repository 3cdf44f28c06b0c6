import { Alert, Button, Card, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { SettingView } from '../../../main/contract/settings';
import { SearchSelect } from '../../components/SearchSelect';
import { useMutation, useQuery } from '../../hooks';

// The school's rules (issue 12, part 1): deadlines of journal entries, period-mark rules, the time zone, sign-in
// limits. Each row says where its default comes from; main decides who may change what and audits every change.

type Value = SettingView['value'];

const show = (s: SettingView, v: Value): string => {
  const k = s.kind;
  if (k.type === 'bool') return v ? 'да' : 'нет';
  if (k.type === 'choice') return k.options.find((o) => o.value === v)?.label ?? String(v);
  if (k.type === 'decimal') return String(v).replace('.', ',');
  if (k.type === 'int') return `${v}${k.unit ? ` ${k.unit}` : ''}`;
  if (k.type === 'staff') return v === null ? 'не назначен' : 'назначен';
  return String(v);
};

const timeZones = (): string[] => {
  try {
    return Intl.supportedValuesOf('timeZone').filter((z) => z.startsWith('Europe/') || z.startsWith('Asia/'));
  } catch {
    return ['Europe/Moscow'];
  }
};

function Editor({ s, value, onChange }: { s: SettingView; value: Value; onChange: (v: Value) => void }) {
  const k = s.kind;
  const disabled = !s.editable;
  const label = s.label;
  switch (k.type) {
    case 'staff':
      return <Typography.Text>{value === null ? 'не назначен' : 'назначен'}</Typography.Text>;
    case 'bool':
      return <Switch aria-label={label} checked={value === true} disabled={disabled} onChange={onChange} />;
    case 'choice':
      return (
        <Select
          aria-label={label}
          style={{ width: 200 }}
          value={value as string}
          disabled={disabled}
          options={k.options.map((o) => ({ value: o.value, label: o.label }))}
          onChange={onChange}
        />
      );
    case 'timeZone':
      return (
        <SearchSelect<string>
          aria-label={label}
          style={{ width: 240 }}
          value={value as string}
          disabled={disabled}
          options={timeZones().map((z) => ({ value: z, label: z }))}
          onChange={onChange}
        />
      );
    case 'int':
    case 'decimal':
      return (
        <InputNumber
          aria-label={label}
          style={{ width: 140 }}
          value={value as number}
          min={k.min}
          max={k.max}
          step={k.type === 'decimal' ? k.step : 1}
          decimalSeparator=","
          suffix={k.type === 'int' ? k.unit : undefined}
          disabled={disabled}
          onChange={(v) => v !== null && onChange(v)}
        />
      );
  }
}

export function SettingsScreen() {
  const { data, error, reload } = useQuery('settings.list', {});
  const mutate = useMutation();
  const [draft, setDraft] = useState<Record<string, Value>>({});
  const groups = useMemo(() => {
    const m = new Map<string, SettingView[]>();
    for (const s of data ?? []) m.set(s.group, [...(m.get(s.group) ?? []), s]);
    return [...m.entries()];
  }, [data]);

  const save = async (s: SettingView) => {
    const value = draft[s.key];
    if (value === undefined) return;
    if (await mutate('settings.save', { key: s.key, value }, `Сохранено: ${s.label}`)) {
      setDraft(({ [s.key]: _, ...rest }) => rest);
      await reload();
      window.dispatchEvent(new Event('sj-settings-changed'));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {error && <Alert type="error" title={error} />}
      <Alert
        type="info"
        title="Правила школы. У каждого правила указано, откуда взято значение по умолчанию. Каждое изменение записывается в журнал аудита."
      />
      {groups.map(([group, rows]) => (
        <Card key={group} title={group} size="small">
          <Table<SettingView>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={rows}
            columns={[
              {
                title: 'Правило',
                key: 'label',
                render: (_, s) => (
                  <div>
                    <div>{s.label}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {s.source}
                    </Typography.Text>
                  </div>
                ),
              },
              {
                title: 'Значение',
                key: 'value',
                width: 340,
                render: (_, s) => {
                  const value = draft[s.key] ?? s.value;
                  const changed = draft[s.key] !== undefined && draft[s.key] !== s.value;
                  return (
                    <Space wrap>
                      <Editor s={s} value={value} onChange={(v) => setDraft((d) => ({ ...d, [s.key]: v }))} />
                      {s.editable && (
                        <Button size="small" type={changed ? 'primary' : 'default'} disabled={!changed} onClick={() => void save(s)}>
                          Сохранить
                        </Button>
                      )}
                      {s.editedOn && <Tag>меняется на экране «{s.editedOn}»</Tag>}
                    </Space>
                  );
                },
              },
              {
                title: 'По умолчанию',
                key: 'default',
                width: 130,
                render: (_, s) => show(s, s.defaultValue),
              },
              {
                title: 'Изменено',
                key: 'changed',
                width: 200,
                render: (_, s) =>
                  s.changedAt ? (
                    <span>
                      {new Date(s.changedAt).toLocaleString('ru-RU')}
                      <br />
                      <Typography.Text type="secondary">{s.changedBy}</Typography.Text>
                    </span>
                  ) : (
                    <Typography.Text type="secondary">не менялось</Typography.Text>
                  ),
              },
            ]}
          />
        </Card>
      ))}
    </Space>
  );
}
