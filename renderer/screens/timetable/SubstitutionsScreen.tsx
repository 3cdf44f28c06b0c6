import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Output } from '../../../main/contract/index';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { NeedYear, ruDate, shortName, useRefs } from './common';

// Substitutions, cancellations and moved lessons of a day, and the report per teacher and class.

type Lesson = Output<'lessons.list'>[number];
const STATUS: Record<string, string> = { held: '', cancelled: 'отменён', moved: 'перенесён' };

export function SubstitutionsScreen() {
  return (
    <NeedYear>
      <Substitutions />
    </NeedYear>
  );
}

function Substitutions() {
  const { yearId, can } = useSession();
  const refs = useRefs();
  const [date, setDate] = useState(dayjs());
  const [classId, setClassId] = useState<number | null>(null);
  const [staffId, setStaffId] = useState<number | null>(null);
  const day = date.format('YYYY-MM-DD');
  const lessons = useQuery('lessons.list', classId || staffId ? { classId, staffId, from: day, to: day } : null);
  const list = useQuery('subs.list', { yearId: yearId! });
  const report = useQuery('subs.report', { yearId: yearId! });
  const [action, setAction] = useState<{ kind: 'substitute' | 'cancel' | 'move'; lesson: Lesson } | null>(null);
  const reload = () => {
    void lessons.reload();
    void list.reload();
    void report.reload();
  };
  return (
    <>
      {action && (
        <ActionModal
          action={action}
          refs={refs}
          onClose={(changed) => {
            setAction(null);
            if (changed) reload();
          }}
        />
      )}
      <Tabs
        items={[
          {
            key: 'day',
            label: 'Уроки дня',
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <DatePicker aria-label="Дата" format="DD.MM.YYYY" value={date} onChange={(d) => d && setDate(d)} allowClear={false} />
                  <Select
                    aria-label="Класс"
                    allowClear
                    placeholder="Класс"
                    style={{ width: 110 }}
                    value={classId ?? undefined}
                    onChange={(v) => {
                      setClassId(v ?? null);
                      setStaffId(null);
                    }}
                    options={refs.classes.map((c) => ({ value: c.id, label: c.name }))}
                  />
                  <Select
                    aria-label="Учитель"
                    allowClear
                    showSearch
                    optionFilterProp="label"
                    placeholder="или учитель"
                    style={{ width: 220 }}
                    value={staffId ?? undefined}
                    onChange={(v) => {
                      setStaffId(v ?? null);
                      setClassId(null);
                    }}
                    options={refs.staff.map((s) => ({ value: s.id, label: shortName(s) }))}
                  />
                </Space>
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  loading={lessons.loading}
                  dataSource={lessons.data ?? []}
                  columns={[
                    { title: '№', dataIndex: 'lessonNumber', width: 40 },
                    { title: 'Время', render: (_, l) => (l.startTime ? `${l.startTime}–${l.endTime}` : '') },
                    { title: 'Класс', render: (_, l) => `${l.className}${l.groupName ? ` (${l.groupName})` : ''}` },
                    { title: 'Предмет', dataIndex: 'subjectName' },
                    {
                      title: 'Учитель',
                      render: (_, l) =>
                        l.substitute ? (
                          <>
                            <s>{l.teacher}</s> <Tag color="blue">замена: {l.substitute}</Tag>
                          </>
                        ) : (
                          l.teacher
                        ),
                    },
                    { title: 'Каб.', dataIndex: 'roomNumber' },
                    { title: 'Тема', dataIndex: 'topic' },
                    {
                      title: '',
                      render: (_, l) =>
                        STATUS[l.status] ? (
                          <Tag color="red">{STATUS[l.status]}</Tag>
                        ) : l.origin === 'manual' ? (
                          <Tag>перенесён сюда</Tag>
                        ) : null,
                    },
                    ...(can('timetable.changes')
                      ? [
                          {
                            title: '',
                            render: (_: unknown, l: Lesson) =>
                              l.status === 'held' && (
                                <Space>
                                  <Button size="small" onClick={() => setAction({ kind: 'substitute', lesson: l })}>
                                    Замена
                                  </Button>
                                  <Button size="small" onClick={() => setAction({ kind: 'move', lesson: l })}>
                                    Перенос
                                  </Button>
                                  <Button size="small" danger onClick={() => setAction({ kind: 'cancel', lesson: l })}>
                                    Отмена
                                  </Button>
                                </Space>
                              ),
                          },
                        ]
                      : []),
                  ]}
                />
              </Space>
            ),
          },
          {
            key: 'journal',
            label: 'Журнал замен',
            children: (
              <Table
                size="small"
                rowKey="id"
                dataSource={list.data ?? []}
                pagination={{ pageSize: 50 }}
                columns={[
                  { title: 'Дата', dataIndex: 'date', render: ruDate },
                  { title: '№', dataIndex: 'lessonNumber' },
                  { title: 'Класс', dataIndex: 'className' },
                  { title: 'Предмет', dataIndex: 'subjectName' },
                  { title: 'Учитель', dataIndex: 'teacher' },
                  {
                    title: 'Что',
                    render: (_, r) =>
                      r.kind === 'substitute'
                        ? `замена: ${r.substitute}`
                        : r.kind === 'cancel'
                          ? 'отмена'
                          : `перенос на ${r.newDate ? ruDate(r.newDate) : ''}, ${r.newLessonNumber} урок`,
                  },
                  { title: 'Причина', dataIndex: 'reason' },
                  { title: 'Кто', dataIndex: 'createdBy' },
                ]}
              />
            ),
          },
          {
            key: 'report',
            label: 'Отчёт',
            children: (
              <Space align="start" wrap>
                <Table
                  size="small"
                  rowKey="staffId"
                  pagination={false}
                  dataSource={report.data?.teachers ?? []}
                  title={() => 'По учителям'}
                  columns={[
                    { title: 'Учитель', dataIndex: 'teacher' },
                    { title: 'Его заменяли', dataIndex: 'replaced' },
                    { title: 'Заменял сам', dataIndex: 'gave' },
                    { title: 'Отменено', dataIndex: 'cancelled' },
                    { title: 'Перенесено', dataIndex: 'moved' },
                  ]}
                />
                <Table
                  size="small"
                  rowKey="classId"
                  pagination={false}
                  dataSource={report.data?.classes ?? []}
                  title={() => 'По классам'}
                  columns={[
                    { title: 'Класс', dataIndex: 'className' },
                    { title: 'Замен', dataIndex: 'substituted' },
                    { title: 'Отменено', dataIndex: 'cancelled' },
                    { title: 'Перенесено', dataIndex: 'moved' },
                  ]}
                />
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

function ActionModal({
  action,
  refs,
  onClose,
}: {
  action: { kind: 'substitute' | 'cancel' | 'move'; lesson: Lesson };
  refs: ReturnType<typeof useRefs>;
  onClose(changed: boolean): void;
}) {
  const mutate = useMutation();
  const l = action.lesson;
  const title = { substitute: 'Замена учителя', cancel: 'Отмена урока', move: 'Перенос урока' }[action.kind];
  const submit = async (v: { staffId?: number; reason: string; date?: dayjs.Dayjs; lesson_number?: number; roomId?: number }) => {
    const ok =
      action.kind === 'substitute'
        ? await mutate('subs.substitute', { lessonId: l.id, staffId: v.staffId!, reason: v.reason }, 'Замена записана')
        : action.kind === 'cancel'
          ? await mutate('subs.cancel', { lessonId: l.id, reason: v.reason }, 'Урок отменён')
          : await mutate(
              'subs.move',
              {
                lessonId: l.id,
                date: v.date!.format('YYYY-MM-DD'),
                lesson_number: v.lesson_number!,
                roomId: v.roomId ?? null,
                reason: v.reason,
              },
              'Урок перенесён',
            );
    if (ok) onClose(true);
  };
  return (
    <Modal
      open
      title={`${title}: ${l.className}, ${l.subjectName}, ${ruDate(l.date)}, ${l.lessonNumber} урок`}
      onCancel={() => onClose(false)}
      footer={null}
    >
      <Form layout="vertical" onFinish={submit} initialValues={{ date: dayjs(l.date), lesson_number: l.lessonNumber }}>
        {action.kind === 'substitute' && (
          <Form.Item name="staffId" label="Заменяющий учитель" rules={[{ required: true, message: 'Выберите учителя' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={refs.staff.filter((s) => s.id !== l.staffId).map((s) => ({ value: s.id, label: shortName(s) }))}
            />
          </Form.Item>
        )}
        {action.kind === 'move' && (
          <Space>
            <Form.Item name="date" label="Новая дата" rules={[{ required: true, message: 'Дата' }]}>
              <DatePicker format="DD.MM.YYYY" />
            </Form.Item>
            <Form.Item name="lesson_number" label="Урок №" rules={[{ required: true, message: 'Номер' }]}>
              <InputNumber min={0} max={12} />
            </Form.Item>
            <Form.Item name="roomId" label="Кабинет">
              <Select allowClear style={{ width: 120 }} options={refs.rooms.map((r) => ({ value: r.id, label: r.number }))} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="reason" label="Причина" rules={[{ required: true, message: 'Укажите причину' }]}>
          <Input />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          Записать
        </Button>
      </Form>
    </Modal>
  );
}
