import { Alert, Button, Empty, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { RemarkRow, RemarkState } from '../../../main/contract/journal-remarks';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { NeedYear } from '../timetable/common';
import { ruDate } from './common';
import { countOf } from '../../../main/contract/rules/plural';

// «Замечания по ведению журнала» (issue 12 part 9, seed 003 §6.2): a teacher sees the remarks on the journals they
// keep (the homeroom teacher also those on the whole class), unanswered first, and answers them; the deputy and the
// director see every remark of the year, filter them by state and mark them fixed. Remarks are written on the journal
// screen, at the class, subject, lesson or cell being viewed.

export function RemarksScreen() {
  return (
    <NeedYear>
      <Remarks />
    </NeedYear>
  );
}

const STATE_COLORS: Record<RemarkState, string> = { open: 'orange', answered: 'blue', fixed: 'green' };

function Remarks() {
  const { yearId, can } = useSession();
  const inspector = can('journal.inspect');
  const [state, setState] = useState<RemarkState | null>(null);
  const [classId, setClassId] = useState<number | null>(null);
  const classes = useQuery('classes.list', yearId && inspector ? { yearId } : null);
  const list = useQuery('remarks.list', yearId ? { yearId, classId, state } : null);
  const mutate = useMutation();
  const [answering, setAnswering] = useState<RemarkRow | null>(null);
  const data = list.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4}>Замечания по ведению журнала</Typography.Title>
      <Typography.Paragraph type="secondary">
        {inspector
          ? 'Замечания заместителя директора и директора по ведению журналов этого учебного года. Новое замечание пишется на экране «Журнал класса» — к журналу предмета, уроку или клетке, которые открыты. Учитель отвечает на замечание, вы отмечаете исправление.'
          : 'Замечания по журналам, которые вы ведёте (классному руководителю — и по журналу класса в целом). Прочитайте замечание, исправьте записи и ответьте; исправление отметит заместитель директора.'}
      </Typography.Paragraph>
      <Space wrap>
        {inspector && (
          <Select
            allowClear
            aria-label="Класс"
            placeholder="Все классы"
            style={{ width: 140 }}
            value={classId ?? undefined}
            onChange={(v) => setClassId(v ?? null)}
            options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        )}
        <Select
          aria-label="Какие замечания показать"
          style={{ width: 240 }}
          value={state ?? 'all'}
          onChange={(v) => setState(v === 'all' ? null : (v as RemarkState))}
          options={[
            { value: 'all', label: 'Все замечания' },
            { value: 'open', label: 'Ждут ответа' },
            { value: 'answered', label: 'Есть ответ, не исправлено' },
            { value: 'fixed', label: 'Исправлено' },
          ]}
        />
        {data && (
          <Typography.Text data-testid="remarks-summary">
            Ждут ответа: {data.unanswered}; есть ответ, не отмечено исправление: {data.answeredNotFixed}
          </Typography.Text>
        )}
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={data?.rows ?? []}
        locale={{ emptyText: <Empty description="Замечаний нет" /> }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(r) => ({ 'data-remark': r.id, 'data-state': r.state }) as never}
        columns={[
          { title: 'Дата', dataIndex: 'date', width: 100, render: (d: string) => ruDate(d) },
          { title: 'Журнал', dataIndex: 'where', width: 260 },
          {
            title: 'Замечание',
            render: (_, r) => (
              <Space direction="vertical" size={2}>
                <Typography.Text data-testid="remark-text">{r.text}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.writtenBy}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: 'Срок',
            dataIndex: 'dueDate',
            width: 110,
            render: (d: string | null, r) =>
              d ? (
                <Typography.Text type={r.overdue ? 'danger' : undefined}>{`${ruDate(d)}${r.overdue ? ' (истёк)' : ''}`}</Typography.Text>
              ) : (
                '—'
              ),
          },
          {
            title: 'Ответ учителя',
            render: (_, r) =>
              r.answer ? (
                <Space direction="vertical" size={2}>
                  <Typography.Text data-testid="remark-answer">{r.answer}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.answeredBy}, {r.answeredAt ? new Date(r.answeredAt).toLocaleDateString('ru-RU') : ''}
                  </Typography.Text>
                </Space>
              ) : (
                <Typography.Text type="secondary">нет ответа</Typography.Text>
              ),
          },
          {
            title: 'Состояние',
            width: 130,
            render: (_, r) => (
              <Tag color={STATE_COLORS[r.state]} title={r.fixedBy ? `Отметил(а): ${r.fixedBy}` : undefined}>
                {r.stateName}
              </Tag>
            ),
          },
          {
            title: '',
            width: 190,
            render: (_, r) => (
              <Space wrap>
                {r.canAnswer && (
                  <Button size="small" type={r.answer ? 'default' : 'primary'} onClick={() => setAnswering(r)}>
                    {r.answer ? 'Изменить ответ' : 'Ответить'}
                  </Button>
                )}
                {r.canFix && (
                  <Button
                    size="small"
                    onClick={async () => {
                      const done = await mutate(
                        'remarks.fix',
                        { id: r.id, fixed: r.state !== 'fixed' },
                        r.state === 'fixed' ? 'Отметка об исправлении снята' : 'Замечание отмечено как исправленное',
                      );
                      if (done) void list.reload();
                    }}
                  >
                    {r.state === 'fixed' ? 'Снять отметку' : 'Исправлено'}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <AnswerDialog
        remark={answering}
        onClose={(saved) => {
          setAnswering(null);
          if (saved) void list.reload();
        }}
      />
    </Space>
  );
}

function AnswerDialog(props: { remark: RemarkRow | null; onClose(saved: boolean): void }) {
  const r = props.remark;
  const mutate = useMutation();
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setAnswer(r?.answer ?? '');
    setError(null);
  }, [r]);
  return (
    <Modal
      open={!!r}
      title="Ответ на замечание"
      okText="Отправить ответ"
      cancelText="Отмена"
      confirmLoading={busy}
      onCancel={() => props.onClose(false)}
      onOk={async () => {
        if (!r) return;
        setBusy(true);
        try {
          const done = await mutate('remarks.answer', { id: r.id, answer }, 'Ответ отправлен', setError);
          if (done) props.onClose(true);
        } finally {
          setBusy(false);
        }
      }}
    >
      {r && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{r.where}</Typography.Text>
          <Typography.Paragraph>{r.text}</Typography.Paragraph>
          <Input.TextArea
            aria-label="Ответ на замечание"
            rows={4}
            maxLength={1000}
            showCount
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
          />
          {error && <Alert type="error" showIcon title={error} />}
        </Space>
      )}
    </Modal>
  );
}

const REMARKS = ['замечание', 'замечания', 'замечаний'] as const;

/** The home screen's line: a teacher's remarks awaiting their answer; the deputy's answered ones awaiting the mark of fixing. */
export function RemarksReminder() {
  const { yearId, can } = useSession();
  const inspector = can('journal.inspect');
  const keeper = can('journal.write');
  const list = useQuery('remarks.list', yearId && (inspector || keeper) ? { yearId } : null);
  const d = list.data;
  if (!d) return null;
  const mine = d.rows.filter((r) => r.canAnswer && r.state === 'open').length;
  const text = [
    mine ? `${countOf(mine, REMARKS)} по ведению журнала ${mine === 1 ? 'ждёт' : 'ждут'} вашего ответа` : '',
    inspector && d.answeredNotFixed ? `на ${countOf(d.answeredNotFixed, REMARKS)} учителя ответили: отметьте исправление` : '',
  ].filter(Boolean);
  if (!text.length) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="remarks-reminder"
      title={<Typography.Link href="#/remarks">{`Замечания: ${text.join('; ')}`}</Typography.Link>}
    />
  );
}
