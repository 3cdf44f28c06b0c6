import { Alert, Button, Form, Input, Modal, Popconfirm, Radio, Select, Space, Table, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { Output } from '../../../main/contract/index';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { downloadBase64, NeedYear, shortName, useRefs, WEEKDAYS } from './common';
import { SearchSelect } from '../../components/SearchSelect';
import { YearDatePicker } from '../../components/YearDatePicker';
import { ExportButton } from '../../components/ExportButton';

// The weekly timetable: a grid of days × lesson numbers for a class, a teacher or a room, with
// conflicts outlined in red; the deputy edits a class's cells.

type Slot = Output<'timetable.slots'>['slots'][number];

export function TimetableScreen() {
  return (
    <NeedYear>
      <Timetable />
    </NeedYear>
  );
}

function Timetable() {
  const { yearId, can } = useSession();
  const refs = useRefs();
  const versions = useQuery('timetable.versions', { yearId: yearId! });
  const [versionId, setVersionId] = useState<number | null>(null);
  const [mode, setMode] = useState<'class' | 'teacher' | 'room'>('class');
  const [target, setTarget] = useState<number | null>(null);
  const mutate = useMutation();
  useEffect(() => {
    const vs = versions.data ?? [];
    if (vs.length && !vs.some((v) => v.id === versionId)) setVersionId(vs[vs.length - 1].id);
  }, [versions.data, versionId]);
  useEffect(() => {
    if (mode === 'class' && !target && refs.classes.length) setTarget(refs.classes[0].id);
  }, [mode, target, refs.classes]);
  const filter = mode === 'class' ? { classId: target } : mode === 'teacher' ? { staffId: target } : { roomId: target };
  const slots = useQuery('timetable.slots', versionId && target ? { versionId, ...filter } : null);
  const conflicts = useQuery('timetable.conflicts', versionId ? { versionId } : null);
  const bells = useQuery('bells.list', { yearId: yearId! });
  const [edit, setEdit] = useState<{ weekday: number; lesson_number: number; slot: Slot | null } | null>(null);
  const [newVersion, setNewVersion] = useState(false);
  const reload = () => {
    void slots.reload();
    void conflicts.reload();
    void versions.reload();
  };
  const cls = mode === 'class' ? refs.classes.find((c) => c.id === target) : undefined;
  const days = cls ? Array.from({ length: cls.weekDays }, (_, i) => i + 1) : [1, 2, 3, 4, 5, 6];
  const classBells = (bells.data ?? []).find((b) => b.id === cls?.bellScheduleId)?.bells.map((b) => b.lessonNumber);
  const numbers = cls
    ? classBells?.length
      ? classBells
      : Array.from({ length: 8 }, (_, i) => i + 1)
    : [...new Set((slots.data?.slots ?? []).map((s) => s.lessonNumber))].sort((a, b) => a - b);
  const cell = (d: number, n: number) => (slots.data?.slots ?? []).filter((s) => s.weekday === d && s.lessonNumber === n);
  const pdf = async () => {
    if (!versionId) return;
    const r = await mutate('timetable.pdf', {
      versionId,
      ...(mode === 'teacher' && target ? { staffIds: [target] } : mode === 'class' && target ? { classIds: [target] } : {}),
    });
    if (r) downloadBase64(r.name, r.base64, 'application/pdf');
  };
  const pdfAll = async () => {
    if (!versionId) return;
    const r = await mutate('timetable.pdf', { versionId });
    if (r) downloadBase64(r.name, r.base64, 'application/pdf');
  };
  const options =
    mode === 'class'
      ? refs.classes.map((c) => ({ value: c.id, label: c.name }))
      : mode === 'teacher'
        ? refs.staff.map((s) => ({ value: s.id, label: shortName(s) }))
        : refs.rooms.map((r) => ({ value: r.id, label: r.number }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label="Версия расписания"
          style={{ width: 300 }}
          value={versionId ?? undefined}
          onChange={setVersionId}
          placeholder="Версия расписания"
          options={(versions.data ?? []).map((v) => ({
            value: v.id,
            label: `${v.name} (с ${v.validFrom.split('-').reverse().join('.')})`,
          }))}
        />
        {can('setup.write') && <Button onClick={() => setNewVersion(true)}>Новая версия…</Button>}
        <Radio.Group
          value={mode}
          onChange={(e) => {
            setMode(e.target.value);
            setTarget(null);
          }}
          optionType="button"
          options={[
            { value: 'class', label: 'Класс' },
            { value: 'teacher', label: 'Учитель' },
            { value: 'room', label: 'Кабинет' },
          ]}
        />
        <SearchSelect
          aria-label="Чьё расписание"
          style={{ width: 220 }}
          value={target ?? undefined}
          onChange={setTarget}
          options={options}
        />
        <Button onClick={pdf} disabled={!target}>
          PDF
        </Button>
        <Button onClick={pdfAll}>PDF всех классов</Button>
        <ExportButton list="timetable" classId={mode === 'class' ? target : null} />
      </Space>
      {!versions.data?.length && (
        <Alert type="info" showIcon title="Расписания ещё нет: создайте версию (например, «Основное расписание» с 1 сентября)." />
      )}
      {conflicts.data && conflicts.data.conflicts.length + conflicts.data.noBell.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="conflicts"
          title={`Конфликтов в расписании: ${conflicts.data.conflicts.length + conflicts.data.noBell.length}`}
          description={
            <ul style={{ margin: 0, maxHeight: 160, overflow: 'auto' }}>
              {[...conflicts.data.conflicts.map((c) => c.message), ...conflicts.data.noBell.map((c) => c.message)].map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          }
        />
      )}
      {target && (
        <Table
          size="small"
          bordered
          pagination={false}
          rowKey="n"
          dataSource={numbers.map((n) => ({ n }))}
          columns={[
            { title: '№', dataIndex: 'n', width: 40 },
            ...days.map((d) => ({
              title: WEEKDAYS[d],
              render: (_: unknown, r: { n: number }) => {
                const list = cell(d, r.n);
                const bad = list.some((s) => s.conflicts.length);
                const body = list.map((s) => (
                  <div
                    key={s.id}
                    style={{ cursor: mode === 'class' && can('setup.write') ? 'pointer' : undefined }}
                    onClick={() => mode === 'class' && can('setup.write') && setEdit({ weekday: d, lesson_number: r.n, slot: s })}
                  >
                    <b>{s.subjectShort}</b>
                    {s.groupName ? ` (${s.groupName.replace(/^.*— /, '')})` : ''}
                    <div style={{ fontSize: 12, color: '#555' }}>
                      {mode !== 'teacher' && s.teacher}
                      {mode !== 'class' && ` ${s.className}`}
                      {mode !== 'room' && s.roomNumber ? `, каб. ${s.roomNumber}` : ''}
                      {!cls && s.startTime ? `, ${s.startTime}` : ''}
                    </div>
                  </div>
                ));
                return (
                  <Tooltip title={bad ? list.flatMap((s) => s.conflicts).join('\n') : undefined}>
                    <div
                      data-testid={`cell-${d}-${r.n}`}
                      className={bad ? 'conflict' : undefined}
                      style={{
                        minHeight: 40,
                        outline: bad ? '2px solid #d4380d' : undefined,
                        background: bad ? '#fff1f0' : undefined,
                        padding: 2,
                      }}
                      onDoubleClick={() =>
                        mode === 'class' && can('setup.write') && setEdit({ weekday: d, lesson_number: r.n, slot: null })
                      }
                    >
                      {body}
                      {mode === 'class' && can('setup.write') && (
                        <Button size="small" type="link" onClick={() => setEdit({ weekday: d, lesson_number: r.n, slot: null })}>
                          {list.length ? '+ группа' : '+'}
                        </Button>
                      )}
                    </div>
                  </Tooltip>
                );
              },
            })),
          ]}
        />
      )}
      {edit && versionId && cls && (
        <SlotModal
          versionId={versionId}
          classId={cls.id}
          edit={edit}
          refs={refs}
          onClose={(changed) => {
            setEdit(null);
            if (changed) reload();
          }}
        />
      )}
      {newVersion && (
        <NewVersionModal
          yearId={yearId!}
          versions={versions.data ?? []}
          onClose={(id) => {
            setNewVersion(false);
            if (id) {
              setVersionId(id);
              reload();
            }
          }}
        />
      )}
    </Space>
  );
}

function SlotModal({
  versionId,
  classId,
  edit,
  refs,
  onClose,
}: {
  versionId: number;
  classId: number;
  edit: { weekday: number; lesson_number: number; slot: Slot | null };
  refs: ReturnType<typeof useRefs>;
  onClose(changed: boolean): void;
}) {
  const [form] = Form.useForm();
  const mutate = useMutation();
  const groups = useQuery('groups.list', { classId });
  const [result, setResult] = useState<Output<'timetable.saveSlot'> | null>(null);
  const s = edit.slot;
  const save = async (v: { subjectId: number; staffId: number; roomId?: number; groupId?: number }) => {
    const r = await mutate('timetable.saveSlot', {
      id: s?.id ?? null,
      versionId,
      classId,
      weekday: edit.weekday,
      lesson_number: edit.lesson_number,
      subjectId: v.subjectId,
      staffId: v.staffId,
      roomId: v.roomId ?? null,
      groupId: v.groupId ?? null,
    });
    if (!r) return;
    if (r.conflicts.length || r.warnings.length) setResult(r);
    else onClose(true);
  };
  return (
    <Modal
      open
      title={`${WEEKDAYS[edit.weekday]}, ${edit.lesson_number} урок`}
      onCancel={() => onClose(!!result)}
      footer={null}
      destroyOnHidden
    >
      {result ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="success" title="Сохранено" />
          {result.conflicts.map((c) => (
            <Alert key={c} type="error" showIcon title={c} />
          ))}
          {result.warnings.map((c) => (
            <Alert key={c} type="warning" showIcon title={c} />
          ))}
          <Button onClick={() => onClose(true)}>Закрыть</Button>
        </Space>
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={save}
          initialValues={
            s ? { subjectId: s.subjectId, staffId: s.staffId, roomId: s.roomId ?? undefined, groupId: s.groupId ?? undefined } : {}
          }
        >
          <Form.Item name="subjectId" label="Предмет" rules={[{ required: true, message: 'Выберите предмет' }]}>
            <SearchSelect options={refs.subjects.map((x) => ({ value: x.id, label: x.name }))} />
          </Form.Item>
          <Form.Item name="groupId" label="Группа (пусто — весь класс)">
            <Select allowClear options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))} />
          </Form.Item>
          <Form.Item name="staffId" label="Учитель" rules={[{ required: true, message: 'Выберите учителя' }]}>
            <SearchSelect options={refs.staff.map((x) => ({ value: x.id, label: shortName(x) }))} />
          </Form.Item>
          <Form.Item name="roomId" label="Кабинет">
            <SearchSelect allowClear options={refs.rooms.map((x) => ({ value: x.id, label: x.number }))} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              Сохранить
            </Button>
            {s && (
              <Popconfirm
                title="Убрать урок из расписания?"
                onConfirm={async () => (await mutate('timetable.deleteSlot', { id: s.id }, 'Урок убран')) && onClose(true)}
              >
                <Button danger>Убрать</Button>
              </Popconfirm>
            )}
          </Space>
        </Form>
      )}
    </Modal>
  );
}

function NewVersionModal({
  yearId,
  versions,
  onClose,
}: {
  yearId: number;
  versions: Output<'timetable.versions'>;
  onClose(id: number | null): void;
}) {
  const mutate = useMutation();
  const save = async (v: { name: string; valid_from: dayjs.Dayjs; copyFrom?: number }) => {
    const id = await mutate(
      'timetable.saveVersion',
      { id: null, yearId, name: v.name, valid_from: v.valid_from.format('YYYY-MM-DD'), copyFrom: v.copyFrom ?? null },
      'Версия создана',
    );
    if (id) onClose(id);
  };
  return (
    <Modal open title="Новая версия расписания" onCancel={() => onClose(null)} footer={null}>
      <Form layout="vertical" onFinish={save} initialValues={{ copyFrom: versions[versions.length - 1]?.id }}>
        <Form.Item name="name" label="Название" rules={[{ required: true, message: 'Название' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="valid_from" label="Действует с" rules={[{ required: true, message: 'Дата' }]}>
          <YearDatePicker format="DD.MM.YYYY" />
        </Form.Item>
        <Form.Item name="copyFrom" label="Скопировать уроки из">
          <Select allowClear options={versions.map((v) => ({ value: v.id, label: v.name }))} />
        </Form.Item>
        <Typography.Paragraph type="secondary">
          Прежняя версия действует до дня перед началом новой. После изменений сформируйте уроки заново на экране «Уроки года».
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit">
          Создать
        </Button>
      </Form>
    </Modal>
  );
}
