import { Alert, Button, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { Output } from '../../../main/contract/index';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { downloadBase64, fileToBase64, NeedYear, TOPIC_KIND_NAMES, useRefs } from './common';
import { SearchSelect } from '../../components/SearchSelect';

// Thematic plans (КТП): the list with the hours check, import from XLSX or CSV with a preview of
// every row's error before anything is saved, export, and a plan's topics.

export function PlansScreen() {
  return (
    <NeedYear>
      <Plans />
    </NeedYear>
  );
}

function Plans() {
  const { yearId, can } = useSession();
  const refs = useRefs();
  const list = useQuery('plans.list', { yearId: yearId! });
  const mutate = useMutation();
  const [open, setOpen] = useState<number | null>(null);
  const plan = useQuery('plans.get', open ? { id: open } : null);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<Output<'plans.preview'> | null>(null);
  const [form] = Form.useForm();
  const [imported, setImported] = useState<Output<'plans.import'> | null>(null);
  const choose = async (f: File) => {
    const data = await fileToBase64(f);
    setFile(data);
    setImported(null);
    setPreview((await mutate('plans.preview', { file: data })) ?? null);
    return false;
  };
  const doImport = async (v: { subjectId: number; grade: number; classId?: number; name?: string }) => {
    if (!file) return;
    const r = await mutate(
      'plans.import',
      { yearId: yearId!, subjectId: v.subjectId, grade: v.grade, classId: v.classId ?? null, name: v.name, file },
      'Тематический план загружен',
    );
    if (r) {
      setImported(r);
      setPreview(null);
      setFile(null);
      void list.reload();
    }
  };
  const exportPlan = async (id: number, format: 'xlsx' | 'csv') => {
    const r = await mutate('plans.export', { id, format });
    if (r)
      downloadBase64(r.name, r.base64, format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  };
  const grade = Form.useWatch('grade', form);
  const blocked = !preview || !!preview.fatal || preview.errors.length > 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('plans.write') && (
        <div style={{ border: '1px solid #e5e8ee', padding: 12, borderRadius: 6 }}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            Загрузка КТП из файла
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            XLSX или CSV (UTF-8 или Windows-1251). Первая строка — заголовки: «№», «Тема», «Часы», «Вид» (урок, практическая, лабораторная,
            контрольная, экскурсия), «Домашнее задание». Файл с ошибкой хотя бы в одной строке не загружается.
          </Typography.Paragraph>
          <Form form={form} layout="inline" onFinish={doImport}>
            <Form.Item name="subjectId" rules={[{ required: true, message: 'Предмет' }]}>
              <SearchSelect
                aria-label="Предмет"
                placeholder="Предмет"
                style={{ width: 240 }}
                options={refs.subjects.map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
            <Form.Item name="grade" rules={[{ required: true, message: 'Параллель' }]}>
              <Select
                aria-label="Параллель"
                placeholder="Параллель"
                style={{ width: 110 }}
                options={Array.from({ length: 11 }, (_, i) => ({ value: i + 1, label: `${i + 1} класс` }))}
              />
            </Form.Item>
            <Form.Item name="classId">
              <Select
                aria-label="Только для класса"
                placeholder="для всей параллели"
                allowClear
                style={{ width: 170 }}
                options={refs.classes.filter((c) => c.grade === grade).map((c) => ({ value: c.id, label: `только ${c.name}` }))}
              />
            </Form.Item>
            <Form.Item name="name">
              <Input aria-label="Название" placeholder="Название (необязательно)" />
            </Form.Item>
            <Upload accept=".xlsx,.csv,.txt" maxCount={1} showUploadList={false} beforeUpload={choose}>
              <Button>Выбрать файл…</Button>
            </Upload>
            <Button type="primary" htmlType="submit" disabled={blocked}>
              Загрузить
            </Button>
          </Form>
          {file && <Typography.Text>Файл: {file.name}</Typography.Text>}
        </div>
      )}
      {preview && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="plan-preview">
          {preview.fatal && <Alert type="error" showIcon title={preview.fatal} />}
          {preview.errors.length > 0 && (
            <Alert
              type="error"
              showIcon
              title={`Строк с ошибками: ${preview.errors.length}. Исправьте файл — ничего не сохранено.`}
              description={
                <ul style={{ margin: 0, maxHeight: 240, overflow: 'auto' }}>
                  {preview.errors.map((e) => (
                    <li key={e.row}>{e.message}</li>
                  ))}
                </ul>
              }
            />
          )}
          {preview.notices.map((n) => (
            <Alert key={n} type="info" showIcon title={n} />
          ))}
          {!preview.fatal && (
            <Typography.Text>
              {preview.format.toUpperCase()}
              {preview.encoding ? `, ${preview.encoding}` : ''}: тем без ошибок {preview.topics.length}, часов {preview.totalHours}
            </Typography.Text>
          )}
          {preview.topics.length > 0 && (
            <Table
              size="small"
              rowKey="row"
              dataSource={preview.topics}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: 'Строка', dataIndex: 'row', width: 70 },
                { title: '№', dataIndex: 'position', width: 50 },
                { title: 'Тема', dataIndex: 'title' },
                { title: 'Часы', dataIndex: 'hours', width: 60 },
                { title: 'Вид', dataIndex: 'kind', render: (k: string) => TOPIC_KIND_NAMES[k] },
                { title: 'Домашнее задание', dataIndex: 'homework' },
              ]}
            />
          )}
        </Space>
      )}
      {imported && (
        <Alert
          type="success"
          showIcon
          title={`Загружено тем: ${imported.topics}, часов: ${imported.hours}; темы проставлены на ${imported.lessonsUpdated} уроках`}
          description={imported.warning ?? undefined}
        />
      )}
      <Table
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 30 }}
        columns={[
          { title: 'Параллель', dataIndex: 'grade', width: 90, render: (g: number, p) => (p.className ? `${p.className}` : `${g} класс`) },
          { title: 'Предмет', dataIndex: 'subjectName' },
          { title: 'Название', dataIndex: 'name', render: (n: string, p) => <a onClick={() => setOpen(p.id)}>{n}</a> },
          { title: 'Тем', dataIndex: 'topics', width: 60 },
          {
            title: 'Часов',
            dataIndex: 'hours',
            width: 70,
            render: (h: number, p) =>
              p.warning ? (
                <Tag color="orange" title={p.warning}>
                  {h} ≠ {p.curriculumHours}
                </Tag>
              ) : (
                h
              ),
          },
          {
            title: '',
            render: (_, p) => (
              <Space>
                <Button size="small" onClick={() => exportPlan(p.id, 'xlsx')}>
                  XLSX
                </Button>
                <Button size="small" onClick={() => exportPlan(p.id, 'csv')}>
                  CSV
                </Button>
                {can('plans.write') && (
                  <Popconfirm
                    title="Удалить тематический план? Темы уйдут с уроков, где учитель их не вводил."
                    onConfirm={async () => (await mutate('plans.delete', { id: p.id }, 'Удалено')) && list.reload()}
                  >
                    <Button size="small" danger>
                      Удалить
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {plan.data && (
        <Table
          size="small"
          rowKey="id"
          title={() => plan.data!.name}
          dataSource={plan.data.topics}
          pagination={{ pageSize: 50 }}
          columns={[
            { title: '№', dataIndex: 'position', width: 50 },
            { title: 'Тема', dataIndex: 'title' },
            { title: 'Часы', dataIndex: 'hours', width: 60 },
            { title: 'Вид', dataIndex: 'kind', render: (k: string) => TOPIC_KIND_NAMES[k] },
          ]}
        />
      )}
    </Space>
  );
}
