import { Alert, Button, Checkbox, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { ExtractRegisterRow } from '../../../main/contract/parents';
import { useMutation, useQuery } from '../../hooks';
import { downloadBase64 } from '../timetable/common';
import { ruDate } from './common';
import { SearchSelect } from '../../components/SearchSelect';
import { useSchoolDay, YearDatePicker, YearRangePicker } from '../../components/YearDatePicker';

// «Выписки для родителей» on the homeroom screen (issue 13): every Friday the homeroom teacher prints the week's
// extracts for the parents who chose paper, hands them over and records to whom; the register shows who has not
// received this week's extract. An extract for any student and span is printed here too.

const iso = (d: Dayjs) => d.format('YYYY-MM-DD');

export function ParentsPanel({ classId, students }: { classId: number; students: { id: number; name: string }[] }) {
  const schoolDay = useSchoolDay();
  const mutate = useMutation();
  const [week, setWeek] = useState<Dayjs>(schoolDay);
  const weekly = useQuery('parents.weekly', { classId, date: iso(week) });
  const register = useQuery('parents.register', { classId });
  const [handing, setHanding] = useState<ExtractRegisterRow | null>(null);
  const [studentId, setStudentId] = useState<number | null>(null);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([schoolDay.startOf('month'), schoolDay]);
  const [homework, setHomework] = useState(false);
  const [format, setFormat] = useState<'pdf' | 'docx'>('pdf');
  const [busy, setBusy] = useState(false);
  const w = weekly.data;
  const reload = () => {
    void weekly.reload();
    void register.reload();
  };
  const download = async (run: () => Promise<{ name: string; base64: string; mime: string } | undefined>) => {
    setBusy(true);
    try {
      const r = await run();
      if (r) downloadBase64(r.name, r.base64, r.mime);
      reload();
    } finally {
      setBusy(false);
    }
  };
  const received = new Set(
    (w?.paper ?? []).filter((p) => !w?.notReceived.some((n) => n.studentId === p.studentId)).map((p) => p.studentId),
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Paragraph type="secondary">
        Родители, отказавшиеся от электронной формы, получают выписку из журнала на бумаге не реже раза в неделю. В пятницу напечатайте
        выписки за неделю, выдайте их и отметьте в журнале выдачи, кому выдана каждая.
      </Typography.Paragraph>
      <Space wrap>
        <YearDatePicker
          aria-label="Неделя по"
          format="DD.MM.YYYY"
          allowClear={false}
          value={week}
          onChange={(d) => {
            if (!d) return;
            setWeek(d);
            setRange([d.startOf('month'), d]);
          }}
        />
        <Button
          type="primary"
          loading={busy}
          disabled={!w?.paper.length}
          onClick={() => download(() => mutate('parents.weeklyFile', { classId, date: iso(week) }, 'Выписки за неделю напечатаны'))}
        >
          Напечатать выписки за неделю
        </Button>
        <Button
          loading={busy}
          onClick={() => download(() => mutate('parents.registerFile', { classId, from: iso(week.subtract(1, 'month')), to: iso(week) }))}
        >
          Журнал выдачи (PDF)
        </Button>
        <Button
          loading={busy}
          title="Ученики с риском «2» или «н/а» за текущий период и с пропусками без уважительной причины (10 уроков и больше)"
          onClick={() => download(() => mutate('parents.noticesFile', { classId, date: iso(week) }, 'Уведомления напечатаны'))}
        >
          Уведомления родителям
        </Button>
      </Space>
      {(weekly.error || register.error) && <Alert type="error" showIcon title={weekly.error ?? register.error} />}
      {w && (
        <>
          <Typography.Text strong>
            Неделя с {ruDate(w.from)} по {ruDate(w.to)}: бумажную форму выбрали {w.paper.length}, не получили выписку {w.notReceived.length}
          </Typography.Text>
          <Table
            aria-label="Родители, выбравшие бумажную форму"
            rowKey="studentId"
            size="small"
            pagination={false}
            dataSource={w.paper}
            columns={[
              { title: 'Ученик', dataIndex: 'name' },
              { title: 'Родители', dataIndex: 'guardians', render: (g: string[]) => g.join(', ') },
              {
                title: 'Выписка за неделю',
                render: (_: unknown, p) =>
                  received.has(p.studentId) ? (
                    <Tag color="green">получена</Tag>
                  ) : w.notReceived.find((n) => n.studentId === p.studentId)?.printed ? (
                    <Tag color="orange">напечатана, не выдана</Tag>
                  ) : (
                    <Tag color="red">не получена</Tag>
                  ),
              },
            ]}
          />
        </>
      )}
      <Typography.Title level={5}>Журнал выдачи</Typography.Title>
      <Table
        aria-label="Журнал выдачи выписок"
        rowKey="id"
        size="small"
        loading={register.loading}
        dataSource={[...(register.data ?? [])].reverse()}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: 'Ученик', dataIndex: 'studentName' },
          { title: 'Документ', dataIndex: 'kind', render: (k: string) => (k === 'notice' ? 'уведомление' : 'выписка') },
          { title: 'Период', render: (_: unknown, r) => `${ruDate(r.from)}–${ruDate(r.to)}` },
          { title: 'Напечатана', render: (_: unknown, r) => `${new Date(r.printedAt).toLocaleString('ru-RU')}, ${r.printedBy}` },
          { title: 'Листов', dataIndex: 'pages' },
          {
            title: 'Выдана',
            render: (_: unknown, r) =>
              r.handedAt ? (
                `${ruDate(r.handedAt)}: ${r.handedTo}`
              ) : (
                <Button size="small" aria-label={`Отметить выдачу: ${r.studentName}`} onClick={() => setHanding(r)}>
                  Отметить выдачу
                </Button>
              ),
          },
        ]}
      />
      <Typography.Title level={5}>Выписка за любой период</Typography.Title>
      <Space wrap>
        <SearchSelect
          aria-label="Ученик"
          allowClear
          placeholder="Весь класс"
          style={{ width: 260 }}
          value={studentId ?? undefined}
          onChange={(v) => setStudentId(v ?? null)}
          options={students.map((s) => ({ value: s.id, label: s.name }))}
        />
        <YearRangePicker format="DD.MM.YYYY" allowClear={false} value={range} onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])} />
        <Checkbox checked={homework} onChange={(e) => setHomework(e.target.checked)}>
          с домашним заданием
        </Checkbox>
        <Select
          aria-label="Формат"
          style={{ width: 90 }}
          value={format}
          onChange={setFormat}
          options={[
            { value: 'pdf', label: 'PDF' },
            { value: 'docx', label: 'DOCX' },
          ]}
        />
        <Button
          loading={busy}
          onClick={() =>
            download(() =>
              mutate('parents.extractFile', {
                classId,
                ...(studentId ? { studentIds: [studentId] } : {}),
                from: iso(range[0]),
                to: iso(range[1]),
                homework,
                format,
              }),
            )
          }
        >
          Напечатать выписку
        </Button>
      </Space>
      <HandOver row={handing} onClose={() => setHanding(null)} onDone={reload} />
    </Space>
  );
}

function HandOver({ row, onClose, onDone }: { row: ExtractRegisterRow | null; onClose(): void; onDone(): void }) {
  const schoolDay = useSchoolDay();
  const mutate = useMutation();
  const [form] = Form.useForm<{ handedAt: Dayjs; handedTo: string }>();
  return (
    <Modal
      open={row !== null}
      title={row ? `Выдача выписки: ${row.studentName}` : ''}
      okText="Записать"
      cancelText="Отмена"
      destroyOnHidden
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        const r = await mutate(
          'parents.handOver',
          { extractId: row!.id, handedAt: iso(v.handedAt), handedTo: v.handedTo },
          'Выдача отмечена',
        );
        if (r) {
          onClose();
          onDone();
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ handedAt: schoolDay }} preserve={false}>
        <Form.Item name="handedAt" label="Дата выдачи" rules={[{ required: true, message: 'Укажите дату' }]}>
          <YearDatePicker format="DD.MM.YYYY" allowClear={false} />
        </Form.Item>
        <Form.Item
          name="handedTo"
          label="Кому выдана (родитель, законный представитель)"
          rules={[{ required: true, whitespace: true, message: 'Укажите, кому выдана' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
