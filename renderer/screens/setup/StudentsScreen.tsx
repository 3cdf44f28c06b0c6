import { Alert, Button, Descriptions, Drawer, Empty, Form, Input, Modal, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { DateField, ruDate } from '../../components/DateField';
import { useMutation, useQuery } from '../../hooks';
import type { StudentPersonal } from '../../../main/contract/school-outputs';
import { useSession } from '../../session';
import { NoticesPanel, NoticesReport } from './NoticesPanel';
import { studentToForm } from '../../../main/contract/rules/student-form';
import { basicToForm, EMPTY_GUARDIAN, EMPTY_STUDENT, StudentFields } from './StudentForm';
import { STUDENT_BASIC_FIELDS } from '../../../main/contract/rules/personal';
import { SearchSelect } from '../../components/SearchSelect';
import { ExportButton } from '../../components/ExportButton';

export function StudentsScreen() {
  const { can, yearId } = useSession();
  const classes = useQuery('classes.list', yearId ? { yearId } : null);
  const [classId, setClassId] = useState<number | null>(null);
  useEffect(() => {
    if (!classId && classes.data?.length) setClassId(classes.data[0].id);
  }, [classes.data, classId]);
  const list = useQuery('students.list', classId ? { classId, includeLeft: true } : null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const [report, setReport] = useState(false);
  if (!yearId) return <Empty description="Сначала создайте учебный год" />;
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
        {can('students.write') && classId && (
          <Button type="primary" onClick={() => setAdding(true)}>
            Зачислить ученика
          </Button>
        )}
        {can('students.personal') && classId && <Button onClick={() => setReport(true)}>Сведения о родителях</Button>}
        <ExportButton list="students" classId={classId ?? null} />
      </Space>
      {report && classId && <NoticesReport classId={classId} onClose={() => setReport(false)} />}
      {list.error && <Alert type="error" title={list.error} />}
      <Table
        rowKey={(r) => `${r.id}-${r.startDate}`}
        size="small"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={false}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '№', key: 'n', width: 50, render: (_, __, i) => i + 1 },
          { title: 'Ф. И. О.', key: 'name', render: (_, s) => `${s.lastName} ${s.firstName} ${s.middleName}` },
          { title: 'В классе с', dataIndex: 'startDate', render: ruDate },
          { title: 'по', dataIndex: 'endDate', render: (d: string | null) => (d ? ruDate(d) : '') },
          {
            title: '',
            key: 'state',
            render: (_, s) => (s.active ? null : <Tag color="orange">{s.endDate ? 'выбыл' : 'ещё не прибыл'}</Tag>),
          },
        ]}
      />
      {adding && classId && (
        <NewStudent
          classId={classId}
          onClose={async (created) => {
            setAdding(false);
            if (created) await list.reload();
          }}
        />
      )}
      <StudentCard id={openId} onClose={() => setOpenId(null)} onChanged={() => list.reload()} />
    </>
  );
}

function NewStudent({ classId, onClose }: { classId: number; onClose(created: boolean): void }) {
  const [form] = Form.useForm();
  const mutate = useMutation();
  return (
    <Modal
      open
      width={980}
      title="Зачисление ученика"
      okText="Зачислить"
      cancelText="Отмена"
      onCancel={() => onClose(false)}
      onOk={async () => {
        const v = await form.validateFields();
        const r = await mutate(
          'students.create',
          {
            classId,
            date: v.date,
            order_number: v.order_number,
            student: { ...EMPTY_STUDENT, ...v.student },
            guardians: (v.guardians ?? []).map((g: object) => ({ ...EMPTY_GUARDIAN, ...g })),
          },
          'Ученик зачислен',
        );
        if (r !== undefined) onClose(true);
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ student: EMPTY_STUDENT, guardians: [] }}>
        <Space>
          <Form.Item label="Дата зачисления" name="date" rules={[{ required: true, message: 'Укажите дату' }]}>
            <DateField aria-label="Дата зачисления" />
          </Form.Item>
          <Form.Item label="Номер приказа" name="order_number" rules={[{ required: true, message: 'Укажите приказ' }]}>
            <Input placeholder="112-у от 29.08.2025" />
          </Form.Item>
        </Space>
        <StudentFields />
      </Form>
    </Modal>
  );
}

const PERSONAL_LABELS: Record<keyof StudentPersonal, string> = {
  birthDate: 'Дата рождения',
  citizenship: 'Гражданство',
  snils: 'СНИЛС',
  birthCertSeries: 'Свид. о рождении: серия',
  birthCertNumber: 'Свид. о рождении: номер',
  passportSeries: 'Паспорт: серия',
  passportNumber: 'Паспорт: номер',
  passportIssued: 'Паспорт выдан',
  addressRegistered: 'Адрес регистрации',
  addressTemporary: 'Временная регистрация',
  addressActual: 'Фактический адрес',
  phone: 'Телефон',
  healthGroup: 'Группа здоровья',
  peGroup: 'Физкультурная группа',
  healthNotes: 'Здоровье',
  lifeSituation: 'Жизненная ситуация',
  personalFileNo: 'Личное дело №',
};

function StudentCard({ id, onClose, onChanged }: { id: number | null; onClose(): void; onChanged(): void }) {
  const { can, yearId } = useSession();
  const student = useQuery('students.get', id ? { id, withPersonal: can('students.personal') } : null);
  const history = useQuery('movement.history', id ? { studentId: id } : null);
  const classes = useQuery('classes.list', yearId ? { yearId } : null);
  const mutate = useMutation();
  const [action, setAction] = useState<'transfer' | 'withdraw' | 'arrive' | 'edit' | null>(null);
  const [form] = Form.useForm();
  // A transfer asks which groups (subgroups) of the new class the student joins.
  const toClassId = Form.useWatch('toClassId', form) as number | undefined;
  const newGroups = useQuery('groups.list', action === 'transfer' && toClassId ? { classId: toClassId } : null);
  const s = student.data;
  const enrolled = s?.enrollments.some((e) => e.endDate === null) ?? false;
  const refresh = async () => {
    await student.reload();
    await history.reload();
    onChanged();
  };
  const submit = async () => {
    const v = await form.validateFields();
    if (!id) return;
    let r: unknown;
    if (action === 'transfer') r = await mutate('movement.transfer', { studentId: id, reason: '', ...v }, 'Перевод оформлен');
    if (action === 'withdraw') r = await mutate('movement.withdraw', { studentId: id, ...v }, 'Выбытие оформлено');
    if (action === 'arrive') r = await mutate('movement.arrive', { studentId: id, reason: '', ...v }, 'Прибытие оформлено');
    if (action === 'edit' && s?.personal)
      r = await mutate(
        'students.update',
        {
          id,
          student: { ...EMPTY_STUDENT, ...v.student },
          guardians: (v.guardians ?? []).map((g: object) => ({ ...EMPTY_GUARDIAN, ...g })),
        },
        'Данные ученика сохранены',
      );
    // Without the right to personal data only the name and gender are sent: main refuses the rest, and keeps it.
    if (action === 'edit' && s && !s.personal)
      r = await mutate(
        'students.update',
        { id, student: Object.fromEntries(STUDENT_BASIC_FIELDS.map((k) => [k, v.student[k]])) },
        'Данные ученика сохранены',
      );
    if (r !== undefined) {
      setAction(null);
      await refresh();
    }
  };
  const openAction = (a: typeof action) => {
    form.resetFields();
    if (a === 'edit' && s) form.setFieldsValue(s.personal ? studentToForm(s, s.personal) : basicToForm(s));
    setAction(a);
  };
  return (
    <Drawer open={id !== null} onClose={onClose} size={760} title={s ? `${s.lastName} ${s.firstName} ${s.middleName}` : 'Ученик'}>
      {student.error && <Alert type="error" title={student.error} />}
      {s && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap>
            {can('movement.write') && enrolled && <Button onClick={() => openAction('transfer')}>Перевести в другой класс</Button>}
            {can('movement.write') && enrolled && (
              <Button danger onClick={() => openAction('withdraw')}>
                Выбытие
              </Button>
            )}
            {can('movement.write') && !enrolled && <Button onClick={() => openAction('arrive')}>Прибытие</Button>}
            {can('students.write') && (
              <Button onClick={() => openAction('edit')}>{s.personal ? 'Изменить данные' : 'Изменить Ф. И. О.'}</Button>
            )}
          </Space>
          {s.personal ? (
            <Descriptions
              size="small"
              bordered
              column={2}
              items={Object.entries(s.personal).map(([k, v]) => ({
                key: k,
                label: PERSONAL_LABELS[k as keyof StudentPersonal] ?? k,
                children: k === 'birthDate' ? ruDate(v) : v || '—',
              }))}
            />
          ) : (
            <Alert type="info" showIcon title="Персональные данные ученика недоступны для вашей роли." />
          )}
          {s.guardians && s.guardians.length > 0 && (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={s.guardians}
              columns={[
                { title: 'Кем приходится', dataIndex: 'relation' },
                { title: 'Ф. И. О.', key: 'n', render: (_, g) => `${g.lastName} ${g.firstName} ${g.middleName}` },
                { title: 'Телефон', dataIndex: 'phone' },
                { title: 'Место работы', dataIndex: 'workplace' },
              ]}
            />
          )}
          {s.guardians && <NoticesPanel studentId={s.id} guardians={s.guardians} />}
          <Typography.Title level={5}>Движение</Typography.Title>
          <Timeline
            data-testid="movement-history"
            items={(history.data ?? []).map((m) => ({
              children: (
                <div>
                  <b>{ruDate(m.date)}</b> — {m.kindName}
                  {m.fromClass ? ` из ${m.fromClass}` : ''}
                  {m.toClass ? ` в ${m.toClass}` : ''}, приказ № {m.orderNumber}
                  {m.reason ? `. ${m.reason}` : ''}
                  <div style={{ color: '#889', fontSize: 12 }}>внёс(ла): {m.createdBy}</div>
                </div>
              ),
            }))}
          />
        </Space>
      )}
      <Modal
        open={action !== null}
        width={action === 'edit' ? 980 : 520}
        okText="Сохранить"
        cancelText="Отмена"
        onCancel={() => setAction(null)}
        onOk={submit}
        title={{ transfer: 'Перевод в другой класс', withdraw: 'Выбытие', arrive: 'Прибытие', edit: 'Данные ученика' }[action ?? 'edit']}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {action === 'edit' ? (
            <StudentFields personal={s?.personal != null} />
          ) : (
            <>
              {(action === 'transfer' || action === 'arrive') && (
                <Form.Item
                  label="Класс"
                  name={action === 'transfer' ? 'toClassId' : 'classId'}
                  rules={[{ required: true, message: 'Выберите класс' }]}
                >
                  <SearchSelect aria-label="В класс" options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
                </Form.Item>
              )}
              {action === 'transfer' && toClassId && (newGroups.data?.length ?? 0) > 0 && (
                <Form.Item
                  label="Группы в новом классе"
                  name="groupIds"
                  extra="По каждому предмету с делением — одна подгруппа: без неё журнал подгруппы ученика не покажет."
                >
                  <SearchSelect
                    aria-label="Группы в новом классе"
                    mode="multiple"
                    options={(newGroups.data ?? []).map((g) => ({
                      value: g.id,
                      label: g.subjectName ? `${g.subjectName}: ${g.name}` : g.name,
                    }))}
                  />
                </Form.Item>
              )}
              <Form.Item label="Дата" name="date" rules={[{ required: true, message: 'Укажите дату' }]}>
                <DateField aria-label="Дата движения" />
              </Form.Item>
              <Form.Item label="Номер приказа" name="order_number" rules={[{ required: true, message: 'Укажите приказ' }]}>
                <Input aria-label="Номер приказа" />
              </Form.Item>
              <Form.Item
                label="Причина"
                name="reason"
                rules={action === 'withdraw' ? [{ required: true, message: 'Укажите причину' }] : []}
              >
                <Input aria-label="Причина" />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Drawer>
  );
}
