import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Output } from '../../../main/contract/index';
import type { SubstitutionCandidate } from '../../../main/contract/timetable-outputs';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { NeedYear, ruDate, shortName, useRefs } from './common';
import { SearchSelect } from '../../components/SearchSelect';
import { useYearDay, YearDatePicker } from '../../components/YearDatePicker';

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
  // The day opens on today inside the selected school year.
  const yearDay = useYearDay();
  const [picked, setDate] = useState<Dayjs | null>(null);
  const date = picked ?? yearDay;
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
                  <YearDatePicker aria-label="Дата" value={date} onChange={(d) => d && setDate(d)} allowClear={false} />
                  <SearchSelect
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
                  <SearchSelect
                    aria-label="Учитель"
                    allowClear
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

const MATCH: Record<SubstitutionCandidate['match'], { text: string; color: string }> = {
  subject: { text: 'ведёт этот предмет', color: 'green' },
  qualified: { text: 'может вести предмет', color: 'cyan' },
  class: { text: 'работает в классе', color: 'blue' },
  none: { text: 'другой предмет', color: 'default' },
};

function candidateLabel(c: SubstitutionCandidate) {
  return (
    <Space size={4} data-candidate={c.staffId}>
      <span>{c.name}</span>
      <Tag color={MATCH[c.match].color} style={{ marginInlineEnd: 0 }}>
        {MATCH[c.match].text}
      </Tag>
      <span style={{ color: '#8c8c8c', fontSize: 12 }}>
        {c.subjects.join(', ')}
        {c.subjects.length ? '; ' : ''}уроков в этот день: {c.lessonsThatDay}
      </span>
    </Space>
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
  const [form] = Form.useForm();
  const title = { substitute: 'Замена учителя', cancel: 'Отмена урока', move: 'Перенос урока' }[action.kind];
  // Only the teachers free at this lesson, best suited first (main ranks them).
  const candidates = useQuery('subs.candidates', action.kind === 'substitute' ? { lessonId: l.id } : null);
  // What saving would refuse, asked as soon as the choice is made: shown in the dialog, before «Записать».
  const staffId = Form.useWatch('staffId', form) as number | undefined;
  const date = Form.useWatch('date', form) as Dayjs | undefined;
  const lessonNumber = Form.useWatch('lesson_number', form) as number | undefined;
  const roomId = Form.useWatch('roomId', form) as number | undefined;
  const checkInput =
    action.kind === 'substitute' && staffId
      ? { kind: 'substitute' as const, lessonId: l.id, staffId }
      : action.kind === 'move' && date && typeof lessonNumber === 'number'
        ? { kind: 'move' as const, lessonId: l.id, date: date.format('YYYY-MM-DD'), lesson_number: lessonNumber, roomId: roomId ?? null }
        : null;
  const check = useQuery('subs.check', checkInput);
  const problems = checkInput && check.data && !check.loading ? check.data.problems : [];
  const submit = async (v: { staffId?: number; reason: string; date?: Dayjs; lesson_number?: number; roomId?: number }) => {
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
      width={action.kind === 'substitute' ? 720 : 560}
      title={`${title}: ${l.className}, ${l.subjectName}, ${ruDate(l.date)}, ${l.lessonNumber} урок`}
      onCancel={() => onClose(false)}
      footer={null}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ date: dayjs(l.date), lesson_number: l.lessonNumber }}>
        {action.kind === 'substitute' && (
          <Form.Item
            name="staffId"
            label="Заменяющий учитель"
            extra={
              candidates.data
                ? `Свободны на ${l.lessonNumber} уроке: ${candidates.data.length}; сначала те, кто ведёт этот предмет`
                : undefined
            }
            rules={[{ required: true, message: 'Выберите учителя' }]}
          >
            <SearchSelect
              aria-label="Заменяющий учитель"
              loading={candidates.loading}
              placeholder="Начните вводить фамилию"
              notFoundContent={candidates.data?.length === 0 ? 'На этом уроке свободных учителей нет' : 'Ничего не найдено'}
              options={(candidates.data ?? []).map((c) => ({
                value: c.staffId,
                label: candidateLabel(c),
                title: c.name,
                searchText: `${c.name} ${c.subjects.join(' ')}`,
              }))}
              optionLabelProp="title"
            />
          </Form.Item>
        )}
        {action.kind === 'move' && (
          <Space>
            <Form.Item name="date" label="Новая дата" rules={[{ required: true, message: 'Дата' }]}>
              <YearDatePicker aria-label="Новая дата" />
            </Form.Item>
            <Form.Item name="lesson_number" label="Урок №" rules={[{ required: true, message: 'Номер' }]}>
              <InputNumber aria-label="Урок №" min={0} max={12} />
            </Form.Item>
            <Form.Item name="roomId" label="Кабинет">
              <Select
                aria-label="Кабинет"
                allowClear
                style={{ width: 120 }}
                options={refs.rooms.map((r) => ({ value: r.id, label: r.number }))}
              />
            </Form.Item>
          </Space>
        )}
        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            data-testid="subs-problems"
            style={{ marginBottom: 12 }}
            title={problems.length === 1 ? problems[0] : 'Так записать нельзя:'}
            description={problems.length > 1 ? problems.map((p) => <div key={p}>{p}</div>) : undefined}
          />
        )}
        {check.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={check.error} />}
        <Form.Item name="reason" label="Причина" rules={[{ required: true, message: 'Укажите причину' }]}>
          <Input aria-label="Причина" />
        </Form.Item>
        <Button type="primary" htmlType="submit" disabled={problems.length > 0 || (checkInput !== null && check.loading)}>
          Записать
        </Button>
      </Form>
    </Modal>
  );
}
