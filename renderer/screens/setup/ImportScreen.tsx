import { Alert, Button, Collapse, Segmented, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { Output } from '../../../main/contract/index';
import { IMPORT_KIND_NAMES, IMPORT_KINDS, type ImportKind, type ImportRow } from '../../../main/contract/exchange';
import { ruNumber } from '../../../main/contract/rules/numbers';
import { ru } from '../../../main/contract/rules/dates';
import { useMutation } from '../../hooks';
import { downloadBase64, fileToBase64 } from '../timetable/common';

// «Импорт» (issue 16, part 1): the kind, the file, its columns mapped to the roster's fields (the last mapping is
// remembered in main per kind), the preview with every row's errors and warnings, and the import itself — all rows or
// none. Main checks the rights and every row again when importing.

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const letter = (n: number) => {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
};

/** Dates the Russian way on screen («03.11.2015»); the rest as read. */
const shownValue = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? ru(v) : v);

export function ImportScreen() {
  const mutate = useMutation();
  const [kind, setKind] = useState<ImportKind>('students');
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<Output<'import.preview'> | null>(null);
  const [mapping, setMapping] = useState<Record<string, number | null> | undefined>(undefined);
  const [result, setResult] = useState<Output<'import.run'> | null>(null);
  const [busy, setBusy] = useState(false);
  const [mapOpen, setMapOpen] = useState(false);

  const check = async (k: ImportKind, f: { name: string; base64: string }, m?: Record<string, number | null>, keep = true) => {
    setBusy(true);
    try {
      let p = await mutate('import.preview', { kind: k, file: f, mapping: m });
      // A corrected file with the same columns keeps the mapping chosen for the one before it.
      if (p && !m && keep && preview && mapping && !p.fatal && p.headers.join('\n') === preview.headers.join('\n'))
        p = (await mutate('import.preview', { kind: k, file: f, mapping })) ?? p;
      setPreview(p ?? null);
      if (p) setMapping(p.mapping);
      // Shown open when a field cannot go without a column; a change of the mapping keeps it as the user left it.
      if (p && !m) setMapOpen(p.missing.length > 0);
    } finally {
      setBusy(false);
    }
  };
  const choose = async (f: File) => {
    const data = await fileToBase64(f);
    setFile(data);
    setResult(null);
    await check(kind, data);
    return false;
  };
  const changeKind = (k: ImportKind) => {
    setKind(k);
    setResult(null);
    setMapping(undefined);
    setPreview(null);
    if (file) void check(k, file, undefined, false);
  };
  const remap = (key: string, col: number | null) => {
    const m = { ...(mapping ?? {}), [key]: col };
    setMapping(m);
    if (file) void check(kind, file, m);
  };
  const template = async () => {
    const t = await mutate('import.template', { kind });
    if (t) downloadBase64(t.name, t.base64, XLSX_TYPE);
  };
  const run = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await mutate('import.run', { kind, file, mapping }, 'Список загружен');
      if (r) {
        setResult(r);
        setPreview(null);
        setFile(null);
      }
    } finally {
      setBusy(false);
    }
  };

  const blocked =
    busy || !preview || !!preview.fatal || preview.missing.length > 0 || preview.counts.errors > 0 || preview.rows.length === 0;
  const headerOptions = [
    { value: -1, label: '— не загружать —' },
    ...(preview?.headers ?? []).map((h, i) => ({ value: i, label: `${letter(i + 1)}: ${h || '(без заголовка)'}` })),
  ];
  const shown = (preview?.fields ?? []).filter((f) => f.required).slice(0, 5);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        Загрузка списков из XLSX или CSV (UTF-8 или Windows-1251, разделитель «;» или «,»). Первая строка файла — заголовки столбцов. Файл
        загружается целиком или не загружается совсем: строки с ошибками нужно исправить. Повторная загрузка того же файла обновляет записи
        (по номеру личного дела, СНИЛС или Ф. И. О. и дате рождения), а не добавляет их заново.
      </Typography.Paragraph>
      <Space wrap>
        <Segmented<ImportKind>
          aria-label="Что загружать"
          value={kind}
          onChange={changeKind}
          options={IMPORT_KINDS.map((k) => ({ value: k, label: IMPORT_KIND_NAMES[k] }))}
        />
        <Button onClick={() => void template()}>Скачать шаблон</Button>
        <Upload accept=".xlsx,.csv,.txt" maxCount={1} showUploadList={false} beforeUpload={choose}>
          <Button>Выбрать файл…</Button>
        </Upload>
        <Button type="primary" disabled={blocked} onClick={() => void run()}>
          Импортировать
        </Button>
        {file && <Typography.Text>Файл: {file.name}</Typography.Text>}
      </Space>
      {result && <Alert type="success" showIcon title={`${result.summary}.`} data-testid="import-result" />}
      {preview && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="import-preview">
          {preview.fatal && <Alert type="error" showIcon title={preview.fatal} />}
          {!preview.fatal && (
            <>
              {preview.missing.length > 0 && (
                <Alert
                  type="error"
                  showIcon
                  title={`Выберите столбцы для полей ${preview.missing.map((m) => `«${m}»`).join(', ')}: без них строки не загрузить`}
                />
              )}
              {preview.missing.length === 0 && (
                <Alert
                  type={preview.counts.errors ? 'error' : 'info'}
                  showIcon
                  data-testid="import-counts"
                  title={
                    `${preview.format.toUpperCase()}${preview.encoding ? `, ${preview.encoding}` : ''}: строк ${ruNumber(preview.counts.rows)}, ` +
                    `с ошибками ${ruNumber(preview.counts.errors)}, с предупреждениями ${ruNumber(preview.counts.warnings)}; ` +
                    `будет добавлено ${ruNumber(preview.counts.create)}, обновлено ${ruNumber(preview.counts.update)}` +
                    (preview.counts.errors ? '. Исправьте строки с ошибками и выберите файл снова — пока ничего не сохранено.' : '')
                  }
                />
              )}
              {preview.rows.length > 0 && (
                <Table<ImportRow>
                  size="small"
                  rowKey="row"
                  dataSource={[...preview.rows].sort((a, b) => b.errors.length - a.errors.length || a.row - b.row)}
                  pagination={{ pageSize: 20, showSizeChanger: false }}
                  columns={[
                    { title: 'Строка', dataIndex: 'row', width: 70 },
                    ...shown.map((f) => ({
                      title: f.title,
                      key: f.key,
                      render: (_: unknown, r: ImportRow) => shownValue(r.values[f.key] ?? ''),
                    })),
                    {
                      title: 'Что будет',
                      key: 'action',
                      render: (_: unknown, r: ImportRow) =>
                        r.errors.length ? (
                          <Tag color="red">не загрузится</Tag>
                        ) : r.action === 'create' ? (
                          <Tag color="green">добавить</Tag>
                        ) : (
                          <Tag color="blue" title={r.matched ?? ''}>
                            обновить
                          </Tag>
                        ),
                    },
                    {
                      title: 'Ошибки и предупреждения',
                      key: 'problems',
                      render: (_: unknown, r: ImportRow) => (
                        <div data-testid={`import-row-${r.row}`}>
                          {r.errors.map((e) => (
                            <div key={e}>
                              <Typography.Text type="danger">{e}</Typography.Text>
                            </div>
                          ))}
                          {r.warnings.map((w) => (
                            <div key={w}>
                              <Typography.Text type="warning">{w}</Typography.Text>
                            </div>
                          ))}
                        </div>
                      ),
                    },
                  ]}
                />
              )}
              <Collapse
                size="small"
                activeKey={mapOpen ? ['map'] : []}
                onChange={(k) => setMapOpen(k.length > 0)}
                items={[
                  {
                    key: 'map',
                    label: `Столбцы файла${preview.remembered ? ' (как при прошлой загрузке)' : ''}: сопоставлено полей ${preview.fields.filter((f) => mapping?.[f.key] !== null && mapping?.[f.key] !== undefined).length} из ${preview.fields.length}`,
                    children: (
                      <div
                        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(330px, 1fr))', gap: 6 }}
                        data-testid="import-mapping"
                      >
                        {preview.fields.map((f) => (
                          <label key={f.key} style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
                            <span style={{ width: 140, flex: 'none' }}>
                              {f.title}
                              {f.required ? ' *' : ''}
                            </span>
                            <Select
                              aria-label={`Столбец для поля «${f.title}»`}
                              size="small"
                              style={{ flex: 1, minWidth: 0 }}
                              value={mapping?.[f.key] ?? -1}
                              options={headerOptions}
                              onChange={(v: number) => remap(f.key, v < 0 ? null : v)}
                            />
                          </label>
                        ))}
                      </div>
                    ),
                  },
                ]}
              />
            </>
          )}
        </Space>
      )}
    </Space>
  );
}
