import { Empty, Form, Input, InputNumber, Select, Space } from 'antd';
import { EditTable } from '../../components/EditTable';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { SearchSelect } from '../../components/SearchSelect';
import { ExportButton } from '../../components/ExportButton';

export function ClassesScreen() {
  const { can, yearId } = useSession();
  const q = useQuery('classes.list', yearId ? { yearId } : null);
  const staff = useQuery('staff.list', {});
  const bells = useQuery('bells.list', yearId ? { yearId } : null);
  const mutate = useMutation();
  if (!yearId) return <Empty description="Сначала создайте учебный год" />;
  return (
    <EditTable
      rows={q.data}
      loading={q.loading}
      canEdit={can('setup.write')}
      title="Класс"
      extra={<ExportButton list="classes" />}
      columns={[
        { title: 'Класс', dataIndex: 'name' },
        { title: 'Классный руководитель', dataIndex: 'homeroomName' },
        { title: 'Учеников', dataIndex: 'studentCount' },
        { title: 'Неделя', dataIndex: 'weekDays', render: (d: number) => `${d}-дневная` },
        { title: 'Смена', dataIndex: 'shift' },
        { title: 'Звонки', dataIndex: 'bellScheduleId', render: (id: number | null) => bells.data?.find((b) => b.id === id)?.name ?? '—' },
      ]}
      toForm={(c) => ({
        grade: c.grade,
        letter: c.letter,
        homeroom_staff_id: c.homeroomStaffId,
        bell_schedule_id: c.bellScheduleId,
        week_days: c.weekDays,
        shift: c.shift,
        room_id: c.roomId,
      })}
      defaults={{ week_days: 5, shift: 1 }}
      form={
        <>
          <Space>
            <Form.Item label="Параллель" name="grade" rules={[{ required: true, message: 'Укажите параллель' }]}>
              <InputNumber min={1} max={11} />
            </Form.Item>
            <Form.Item label="Литера" name="letter" rules={[{ required: true, message: 'Укажите литеру' }]}>
              <Input style={{ width: 80 }} placeholder="А" />
            </Form.Item>
          </Space>
          <Form.Item label="Классный руководитель" name="homeroom_staff_id">
            <SearchSelect
              allowClear
              options={(staff.data ?? [])
                .filter((s) => s.active)
                .map((s) => ({ value: s.id, label: `${s.lastName} ${s.firstName} ${s.middleName}` }))}
            />
          </Form.Item>
          <Form.Item label="Расписание звонков" name="bell_schedule_id">
            <Select allowClear options={(bells.data ?? []).map((b) => ({ value: b.id, label: b.name }))} />
          </Form.Item>
          <Space>
            <Form.Item label="Учебная неделя" name="week_days">
              <Select
                style={{ width: 150 }}
                options={[
                  { value: 5, label: '5-дневная' },
                  { value: 6, label: '6-дневная' },
                ]}
              />
            </Form.Item>
            <Form.Item label="Смена" name="shift">
              <Select
                style={{ width: 120 }}
                options={[
                  { value: 1, label: 'первая' },
                  { value: 2, label: 'вторая' },
                ]}
              />
            </Form.Item>
          </Space>
        </>
      }
      onSave={async (v, id) => {
        const values = v as { letter: string };
        if (
          (await mutate('classes.save', { id, yearId, ...v, letter: values.letter?.toUpperCase() } as never, 'Класс сохранён')) ===
          undefined
        )
          return false;
        await q.reload();
        return true;
      }}
    />
  );
}
