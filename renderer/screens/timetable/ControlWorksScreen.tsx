import { Alert, Button, Calendar, Form, Input, InputNumber, Popconfirm, Select, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { NeedYear, useRefs } from './common';
import { SearchSelect } from '../../components/SearchSelect';
import { useSchoolDay, YearDatePicker } from '../../components/YearDatePicker';

// The school's control-work schedule (ВШК) as a calendar, with the per-day and per-week limits.

export function ControlWorksScreen() {
  return (
    <NeedYear>
      <ControlWorks />
    </NeedYear>
  );
}

function ControlWorks() {
  const schoolDay = useSchoolDay();
  const { yearId, can } = useSession();
  const refs = useRefs();
  const mutate = useMutation();
  const [classId, setClassId] = useState<number | null>(null);
  const [month, setMonth] = useState(schoolDay);
  const from = month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
  const to = month.endOf('month').add(7, 'day').format('YYYY-MM-DD');
  const works = useQuery('control.list', { yearId: yearId!, from, to, classId });
  const check = useQuery('control.check', { yearId: yearId! });
  const limits = useQuery('control.limits', {});
  const [form] = Form.useForm();
  const reload = () => {
    void works.reload();
    void check.reload();
  };
  const add = async (v: {
    classId: number;
    subjectId: number;
    date: dayjs.Dayjs;
    kind: string;
    title?: string;
    lesson_number?: number;
  }) => {
    const id = await mutate(
      'control.save',
      {
        id: null,
        yearId: yearId!,
        classId: v.classId,
        subjectId: v.subjectId,
        date: v.date.format('YYYY-MM-DD'),
        lesson_number: v.lesson_number ?? null,
        kind: v.kind,
        title: v.title ?? '',
      },
      'Работа добавлена в график',
    );
    if (id) reload();
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {limits.data && (
        <Space wrap>
          <span>Не больше</span>
          <InputNumber
            aria-label="В день"
            min={1}
            max={5}
            value={limits.data.perDay}
            disabled={!can('setup.write')}
            onChange={async (v) =>
              v &&
              (await mutate('control.setLimits', { perDay: Number(v), perWeek: limits.data!.perWeek }, 'Сохранено')) &&
              (limits.reload(), check.reload())
            }
          />
          <span>работ в день и</span>
          <InputNumber
            aria-label="В неделю"
            min={1}
            max={20}
            value={limits.data.perWeek}
            disabled={!can('setup.write')}
            onChange={async (v) =>
              v &&
              (await mutate('control.setLimits', { perDay: limits.data!.perDay, perWeek: Number(v) }, 'Сохранено')) &&
              (limits.reload(), check.reload())
            }
          />
          <span>в неделю у одного класса</span>
        </Space>
      )}
      {check.data?.problems.map((p) => (
        <Alert key={p} type="warning" showIcon title={p} />
      ))}
      {can('setup.write') && (
        <Form form={form} layout="inline" onFinish={add} initialValues={{ kind: 'Контрольная работа' }}>
          <Form.Item name="classId" rules={[{ required: true, message: 'Класс' }]}>
            <Select
              aria-label="Класс"
              placeholder="Класс"
              style={{ width: 90 }}
              options={refs.classes.map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
          <Form.Item name="subjectId" rules={[{ required: true, message: 'Предмет' }]}>
            <SearchSelect
              aria-label="Предмет"
              placeholder="Предмет"
              style={{ width: 220 }}
              options={refs.subjects.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item name="date" rules={[{ required: true, message: 'Дата' }]}>
            <YearDatePicker aria-label="Дата" format="DD.MM.YYYY" />
          </Form.Item>
          <Form.Item name="lesson_number">
            <InputNumber aria-label="Урок" placeholder="урок" min={0} max={12} />
          </Form.Item>
          <Form.Item name="kind" rules={[{ required: true, message: 'Вид' }]}>
            <Input aria-label="Вид работы" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="title">
            <Input aria-label="Тема" placeholder="Тема/форма" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            В график
          </Button>
        </Form>
      )}
      <Select
        aria-label="Показать класс"
        allowClear
        placeholder="все классы"
        style={{ width: 160 }}
        value={classId ?? undefined}
        onChange={(v) => setClassId(v ?? null)}
        options={refs.classes.map((c) => ({ value: c.id, label: c.name }))}
      />
      <Calendar
        value={month}
        onPanelChange={(d) => setMonth(d)}
        onSelect={(d) => setMonth(d)}
        cellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode;
          const day = d.format('YYYY-MM-DD');
          return (
            <div>
              {(works.data ?? [])
                .filter((w) => w.date === day)
                .map((w) => (
                  <Popconfirm
                    key={w.id}
                    disabled={!can('setup.write')}
                    title={`Убрать из графика: ${w.className}, ${w.subjectName}?`}
                    onConfirm={async () => (await mutate('control.delete', { id: w.id }, 'Убрано')) && reload()}
                  >
                    <Tag color="volcano" style={{ marginBottom: 2, cursor: 'pointer' }} title={`${w.kind}${w.title ? `: ${w.title}` : ''}`}>
                      {w.className} {w.subjectName.split(' ')[0]}
                    </Tag>
                  </Popconfirm>
                ))}
            </div>
          );
        }}
      />
    </Space>
  );
}
