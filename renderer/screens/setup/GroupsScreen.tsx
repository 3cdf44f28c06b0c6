import { Empty, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { DateField, ruDate } from '../../components/DateField';
import { EditTable } from '../../components/EditTable';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { SearchSelect } from '../../components/SearchSelect';
import { ExportButton } from '../../components/ExportButton';
import { useSchoolDay } from '../../components/YearDatePicker';

const KINDS = { subgroup: 'подгруппа', stream: 'поток', iup: 'индивидуальный учебный план' } as const;

export function GroupsScreen() {
  const schoolDay = useSchoolDay();
  const { can, yearId } = useSession();
  const classes = useQuery('classes.list', yearId ? { yearId } : null);
  const [classId, setClassId] = useState<number | null>(null);
  useEffect(() => {
    if (!classId && classes.data?.length) setClassId(classes.data[0].id);
  }, [classes.data, classId]);
  // Membership has dates: the screen shows the members on a date, and a save changes them from that date on.
  const [date, setDate] = useState<string>(schoolDay.format('YYYY-MM-DD'));
  const groups = useQuery('groups.list', classId ? { classId, date } : null);
  const subjects = useQuery('subjects.list', {});
  const students = useQuery('students.list', classId ? { classId, includeLeft: true } : null);
  const mutate = useMutation();
  if (!yearId) return <Empty description="Сначала создайте учебный год" />;
  const name = (id: number) => {
    const s = students.data?.find((x) => x.id === id);
    return s ? `${s.lastName} ${s.firstName[0]}.` : `#${id}`;
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <SearchSelect
          aria-label="Класс"
          style={{ width: 160 }}
          value={classId ?? undefined}
          onChange={setClassId}
          options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <span>Состав на дату</span>
        <DateField aria-label="Состав на дату" value={date} onChange={(d) => d && setDate(d)} />
        <Typography.Text type="secondary">Изменение состава действует с этой даты; журнал до неё не меняется.</Typography.Text>
        <ExportButton list="groupMembers" classId={classId ?? null} />
      </Space>
      <EditTable
        rows={groups.data}
        loading={groups.loading}
        canEdit={can('groups.write')}
        title="Группа"
        columns={[
          { title: 'Группа', dataIndex: 'name' },
          { title: 'Предмет', dataIndex: 'subjectName' },
          { title: 'Вид', dataIndex: 'kind', render: (k: keyof typeof KINDS) => KINDS[k] },
          {
            title: 'Ученики',
            dataIndex: 'studentIds',
            render: (ids: number[]) => (
              <span>
                {ids.length}:{' '}
                {ids.slice(0, 6).map((i) => (
                  <Tag key={i}>{name(i)}</Tag>
                ))}
                {ids.length > 6 ? '…' : ''}
              </span>
            ),
          },
          {
            title: 'Выбыли из группы',
            key: 'left',
            render: (_, g) =>
              g.members
                .filter((m) => m.endDate !== null && m.endDate < date)
                .map((m) => (
                  <Tag key={`${m.studentId}-${m.startDate}`} color="default">
                    {name(m.studentId)} {ruDate(m.startDate)}–{ruDate(m.endDate)}
                  </Tag>
                )),
          },
        ]}
        defaults={{ kind: 'subgroup', studentIds: [] }}
        width={720}
        form={
          <>
            <Form.Item label="Название" name="name" rules={[{ required: true, message: 'Введите название' }]}>
              <Input placeholder="Английский — 1 подгруппа" />
            </Form.Item>
            <Form.Item label="Предмет" name="subjectId">
              <SearchSelect allowClear options={(subjects.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
            <Form.Item label="Вид" name="kind">
              <Select options={Object.entries(KINDS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item label="Ученики" name="studentIds">
              <SearchSelect
                mode="multiple"
                options={(students.data ?? []).filter((s) => s.active).map((s) => ({ value: s.id, label: `${s.lastName} ${s.firstName}` }))}
              />
            </Form.Item>
          </>
        }
        toForm={(g) => ({ name: g.name, subjectId: g.subjectId, kind: g.kind, studentIds: g.studentIds })}
        onSave={async (v, id) => {
          if (
            (await mutate('groups.save', { id, classId: classId!, ...v, date } as never, `Группа сохранена: состав с ${ruDate(date)}`)) ===
            undefined
          )
            return false;
          await groups.reload();
          return true;
        }}
      />
    </>
  );
}
