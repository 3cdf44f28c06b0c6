import { Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Guardian } from '../../../main/contract/school-outputs';
import { DateField, ruDate } from '../../components/DateField';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { countOf } from '../../../main/contract/rules/plural';

const KINDS: Record<string, string> = {
  pd_consent: 'Согласие на обработку персональных данных',
  pd_refusal: 'Отказ от обработки персональных данных',
  electronic_consent: 'Согласие получать сведения в электронной форме',
  electronic_refusal: 'Отказ от электронной формы: выписки на бумаге',
  info_refusal: 'Отказ от получения сведений об успеваемости',
  acknowledged: 'Ознакомлен(а) со сведениями журнала',
};

const DAYS = ['день', 'дня', 'дней'] as const;

/** Parents' consents, refusals and acknowledgements of one student (seeds 001 §8, §20). */
export function NoticesPanel({
  studentId,
  guardians,
}: {
  studentId: number;
  guardians: Pick<Guardian, 'id' | 'lastName' | 'firstName' | 'middleName' | 'relation'>[];
}) {
  const { can } = useSession();
  const list = useQuery('notices.list', { studentId });
  const mutate = useMutation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          Согласия, отказы и ознакомление родителей
        </Typography.Title>
        {can('students.write') && guardians.length > 0 && (
          <Button
            onClick={() => {
              form.resetFields();
              setOpen(true);
            }}
          >
            Зарегистрировать
          </Button>
        )}
      </Space>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={list.data ?? []}
        locale={{ emptyText: 'Ничего не зарегистрировано' }}
        columns={[
          { title: 'Дата', dataIndex: 'date', render: ruDate },
          { title: 'Родитель', dataIndex: 'guardianName' },
          {
            title: 'Что',
            dataIndex: 'kindName',
            render: (k: string, r) => <Tag color={r.kind.endsWith('refusal') ? 'orange' : 'green'}>{k}</Tag>,
          },
          { title: 'Документ', dataIndex: 'document' },
          {
            // seed 004 §3.3: the change is entered no later than 3 days after the parent's notice
            title: 'Внесено',
            key: 'entered',
            render: (_, r) => (
              <>
                {ruDate(r.enteredOn)}
                {r.daysLate > 0 && (
                  <Tag color="red" style={{ marginLeft: 6 }} title="Изменения вносятся не позднее 3 дней после получения заявления">
                    позже срока на {countOf(r.daysLate, DAYS)}
                  </Tag>
                )}
              </>
            ),
          },
          { title: 'Внёс(ла)', dataIndex: 'createdBy' },
        ]}
      />
      <Modal
        open={open}
        title="Регистрация заявления родителя"
        okText="Сохранить"
        cancelText="Отмена"
        destroyOnHidden
        onCancel={() => setOpen(false)}
        onOk={async () => {
          const v = await form.validateFields();
          if ((await mutate('notices.record', { studentId, ...v }, 'Зарегистрировано')) !== undefined) {
            setOpen(false);
            await list.reload();
          }
        }}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item label="Родитель" name="guardianId" rules={[{ required: true, message: 'Выберите родителя' }]}>
            <Select
              options={guardians.map((g) => ({ value: g.id, label: `${g.relation}: ${g.lastName} ${g.firstName} ${g.middleName}` }))}
            />
          </Form.Item>
          <Form.Item label="Что зарегистрировать" name="kind" rules={[{ required: true, message: 'Выберите' }]}>
            <Select options={Object.entries(KINDS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Typography.Paragraph type="secondary">
            Дата — день получения заявления. Изменения вносятся не позднее 3 дней после него (заявление, внесённое позже, отмечается в
            списке).
          </Typography.Paragraph>
          <Form.Item label="Дата" name="date" rules={[{ required: true, message: 'Укажите дату' }]}>
            <DateField aria-label="Дата заявления" />
          </Form.Item>
          <Form.Item label="Документ (заявление №…)" name="document">
            <Input />
          </Form.Item>
          <Form.Item label="Примечание" name="note">
            <Input.TextArea autoSize />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** A class's parents on paper extracts, who refused information (tell the social pedagogue), who gave no consent. */
export function NoticesReport({ classId, onClose }: { classId: number; onClose(): void }) {
  // as of today on the school's clock
  const today = useSession().schoolToday();
  const report = useQuery('notices.report', { classId, date: today });
  return (
    <Modal open width={860} title="Сведения о родителях класса" footer={<Button onClick={onClose}>Закрыть</Button>} onCancel={onClose}>
      <Table
        rowKey="studentId"
        size="small"
        pagination={false}
        loading={report.loading}
        dataSource={report.data ?? []}
        columns={[
          { title: 'Ученик', dataIndex: 'name' },
          { title: 'Согласие на обработку ПДн', dataIndex: 'pdConsent', render: (v: boolean) => (v ? 'есть' : <Tag color="red">нет</Tag>) },
          {
            title: 'Форма',
            key: 'f',
            render: (_, r) =>
              r.refusedInformation ? (
                <Tag color="red">отказ от сведений — сообщить социальному педагогу</Tag>
              ) : r.paperExtracts ? (
                <Tag color="orange">бумажные выписки еженедельно</Tag>
              ) : (
                'электронная'
              ),
          },
          { title: 'Последнее ознакомление', dataIndex: 'lastAcknowledged', render: (d: string | null) => (d ? ruDate(d) : '—') },
        ]}
      />
    </Modal>
  );
}
