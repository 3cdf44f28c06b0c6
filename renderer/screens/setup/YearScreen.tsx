import { Alert, Button, Card, Checkbox, Col, Empty, Form, Input, Modal, Popconfirm, Row, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { Output } from '../../../main/contract/index';
import { DateField, ruDate } from '../../components/DateField';
import { EditTable } from '../../components/EditTable';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { YearExportButton } from '../../components/ExportButton';

const GRADES = Array.from({ length: 11 }, (_, i) => i + 1);
const KINDS = { quarter: 'Четверти', half: 'Полугодия', trimester: 'Триместры' } as const;
const HOLIDAY_KINDS = {
  autumn: 'Осенние',
  winter: 'Зимние',
  spring: 'Весенние',
  summer: 'Летние',
  extra: 'Дополнительные',
  public: 'Праздничный день',
} as const;

type Scheme = Output<'schemes.list'>[number];

export function YearScreen() {
  const { can, yearId, setYearId } = useSession();
  const editable = can('setup.write');
  const years = useQuery('years.list', {});
  const mutate = useMutation();
  const year = years.data?.find((y) => y.id === yearId) ?? null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {can('journal.read') && <YearExportButton />}
      <Card title="Учебные годы">
        <EditTable
          rows={years.data}
          loading={years.loading}
          canEdit={editable}
          title="Учебный год"
          columns={[
            { title: 'Учебный год', dataIndex: 'name' },
            { title: 'Начало', dataIndex: 'startDate', render: ruDate },
            { title: 'Конец', dataIndex: 'endDate', render: ruDate },
            {
              title: '',
              key: 'current',
              render: (_, y) =>
                y.id === yearId ? (
                  <Tag color="blue">выбран</Tag>
                ) : (
                  <Button size="small" onClick={() => setYearId(y.id)}>
                    Выбрать
                  </Button>
                ),
            },
          ]}
          toForm={(y) => ({ name: y.name, start_date: y.startDate, end_date: y.endDate })}
          defaults={{ name: '2026/2027', start_date: '2026-09-01', end_date: '2027-08-31' }}
          form={
            <>
              <Form.Item label="Учебный год" name="name" rules={[{ required: true }]}>
                <Input placeholder="2025/2026" />
              </Form.Item>
              <Space>
                <Form.Item label="Начало" name="start_date" rules={[{ required: true, message: 'Укажите дату' }]}>
                  <DateField aria-label="Начало года" />
                </Form.Item>
                <Form.Item label="Конец" name="end_date" rules={[{ required: true, message: 'Укажите дату' }]}>
                  <DateField aria-label="Конец года" />
                </Form.Item>
              </Space>
            </>
          }
          onSave={async (v, id) => {
            const r = await mutate(
              'years.save',
              { id, ...(v as { name: string; start_date: string; end_date: string }) },
              'Учебный год сохранён',
            );
            if (r === undefined) return false;
            setYearId(r);
            await years.reload();
            window.dispatchEvent(new Event('sj-years-changed'));
            return true;
          }}
        />
      </Card>
      {year ? (
        <Row gutter={24}>
          <Col xs={24} xl={13}>
            <SchemesCard yearId={year.id} editable={editable} />
          </Col>
          <Col xs={24} xl={11}>
            <HolidaysCard yearId={year.id} editable={editable} />
          </Col>
        </Row>
      ) : (
        <Empty description="Создайте учебный год" />
      )}
    </Space>
  );
}

function SchemesCard({ yearId, editable }: { yearId: number; editable: boolean }) {
  const schemes = useQuery('schemes.list', { yearId });
  const mutate = useMutation();
  const [editing, setEditing] = useState<Scheme | 'new' | null>(null);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const open = (s: Scheme | 'new') => {
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      s === 'new'
        ? {
            name: '',
            kind: 'quarter',
            grades: [],
            periods: [{ name: '1 четверть' }, { name: '2 четверть' }, { name: '3 четверть' }, { name: '4 четверть' }],
          }
        : {
            name: s.name,
            kind: s.kind,
            grades: s.grades,
            periods: s.periods.map((p) => ({ name: p.name, start_date: p.startDate, end_date: p.endDate })),
          },
    );
    setEditing(s);
  };
  return (
    <Card title="Учебные периоды по параллелям" extra={editable && <Button onClick={() => open('new')}>Добавить схему периодов</Button>}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={schemes.data ?? []}
        columns={[
          { title: 'Схема', dataIndex: 'name', render: (n) => <b>{n}</b> },
          { title: 'Параллели', dataIndex: 'grades', render: (g: number[]) => g.join(', ') },
          {
            title: 'Периоды',
            dataIndex: 'periods',
            render: (ps: Scheme['periods']) => (
              <div>
                {ps.map((p) => (
                  <div key={p.id}>
                    {p.name}: {ruDate(p.startDate)} – {ruDate(p.endDate)}
                  </div>
                ))}
              </div>
            ),
          },
          ...(editable
            ? [
                {
                  title: '',
                  key: 'a',
                  render: (_: unknown, s: Scheme) => (
                    <Space direction="vertical">
                      <Button size="small" onClick={() => open(s)}>
                        Изменить
                      </Button>
                      <Popconfirm
                        title="Удалить схему периодов?"
                        okText="Удалить"
                        cancelText="Отмена"
                        onConfirm={async () =>
                          (await mutate('schemes.delete', { id: s.id }, 'Схема удалена')) !== undefined && schemes.reload()
                        }
                      >
                        <Button size="small" danger>
                          Удалить
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        width={720}
        title="Схема учебных периодов"
        okText="Сохранить"
        cancelText="Отмена"
        destroyOnHidden
        onCancel={() => setEditing(null)}
        onOk={async () => {
          const v = await form.validateFields();
          const r = await mutate('schemes.save', { id: editing === 'new' ? null : editing!.id, yearId, ...v }, 'Периоды сохранены', (m) =>
            setError(`Периоды не сохранены. ${m}`),
          );
          if (r !== undefined) {
            setEditing(null);
            await schemes.reload();
          }
        }}
      >
        {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" preserve={false}>
          <Space>
            <Form.Item label="Название" name="name" rules={[{ required: true, message: 'Введите название' }]}>
              <Input placeholder="Четверти" />
            </Form.Item>
            <Form.Item label="Вид" name="kind">
              <Select style={{ width: 160 }} options={Object.entries(KINDS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Space>
          <Form.Item label="Параллели" name="grades" rules={[{ required: true, message: 'Выберите параллели' }]}>
            <Checkbox.Group options={GRADES.map((g) => ({ value: g, label: String(g) }))} />
          </Form.Item>
          <Form.List name="periods">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: 'Название' }]}>
                      <Input placeholder={`${i + 1} период`} aria-label={`Период ${i + 1}: название`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'start_date']} rules={[{ required: true, message: 'Начало' }]}>
                      <DateField aria-label={`Период ${i + 1}: начало`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'end_date']} rules={[{ required: true, message: 'Конец' }]}>
                      <DateField aria-label={`Период ${i + 1}: конец`} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>Убрать</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ name: `${fields.length + 1} период` })}>Добавить период</Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}

function HolidaysCard({ yearId, editable }: { yearId: number; editable: boolean }) {
  const holidays = useQuery('holidays.list', { yearId });
  const mutate = useMutation();
  return (
    <Card title="Каникулы и праздничные дни">
      <EditTable
        rows={holidays.data}
        loading={holidays.loading}
        canEdit={editable}
        title="Каникулы"
        columns={[
          { title: 'Название', dataIndex: 'name' },
          { title: 'Вид', dataIndex: 'kind', render: (k: keyof typeof HOLIDAY_KINDS) => HOLIDAY_KINDS[k] },
          { title: 'Даты', key: 'd', render: (_, h) => `${ruDate(h.startDate)} – ${ruDate(h.endDate)}` },
          { title: 'Параллели', dataIndex: 'grades', render: (g: number[]) => (g.length ? g.join(', ') : 'все') },
        ]}
        toForm={(h) => ({ name: h.name, kind: h.kind, start_date: h.startDate, end_date: h.endDate, grades: h.grades })}
        defaults={{ kind: 'autumn', grades: [] }}
        form={
          <>
            <Form.Item label="Название" name="name" rules={[{ required: true, message: 'Введите название' }]}>
              <Input />
            </Form.Item>
            <Form.Item label="Вид" name="kind">
              <Select options={Object.entries(HOLIDAY_KINDS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Space>
              <Form.Item label="Начало" name="start_date" rules={[{ required: true, message: 'Укажите дату' }]}>
                <DateField aria-label="Начало каникул" />
              </Form.Item>
              <Form.Item label="Конец" name="end_date" rules={[{ required: true, message: 'Укажите дату' }]}>
                <DateField aria-label="Конец каникул" />
              </Form.Item>
            </Space>
            <Form.Item label="Только для параллелей (пусто — для всех)" name="grades">
              <Checkbox.Group options={GRADES.map((g) => ({ value: g, label: String(g) }))} />
            </Form.Item>
          </>
        }
        onSave={async (v, id) => {
          const r = await mutate('holidays.save', { id, yearId, ...v } as never, 'Каникулы сохранены');
          if (r === undefined) return false;
          await holidays.reload();
          return true;
        }}
      />
    </Card>
  );
}
