import { Alert, Button, DatePicker, Input, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { ChecklistItem, DecisionRow } from '../../../main/contract/year-close';
import type { CouncilDecisionKind } from '../../../main/contract/unions';
import { DECISION_NAMES } from '../../../main/contract/rules/council';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { ruDate, ruTime } from './common';

// Closing a school year (issue 14): what is still missing per class, subject and student; marks deferred for an ill
// student (their own state and due date); the pedagogical council's decisions per student; the director's close and
// reopen with a reason. Main checks every rule; the screen only shows main's answers and messages.

const STATE_COLOR = { deferred: 'blue', overdue: 'red', set: 'green' } as const;

export function YearCloseScreen() {
  const session = useSession();
  const years = useQuery('years.list', {});
  const [yearId, setYearId] = useState<number | null>(session.yearId);
  useEffect(() => {
    if (yearId === null && session.yearId) setYearId(session.yearId);
  }, [session.yearId, yearId]);
  const list = useQuery('yearClose.checklist', yearId ? { yearId } : null);
  const mutate = useMutation();
  const [defer, setDefer] = useState<ChecklistItem | null>(null);
  const [reopen, setReopen] = useState(false);
  const c = list.data;
  const mayClose = session.can('year.close');

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <span>Учебный год:</span>
        <Select
          aria-label="Учебный год"
          style={{ width: 140 }}
          value={yearId ?? undefined}
          onChange={setYearId}
          options={(years.data ?? []).map((y) => ({ value: y.id, label: y.name }))}
        />
        {c && (
          <Typography.Text data-testid="year-state">
            {c.year.closed
              ? `Год закрыт ${c.year.closedAt ? ruTime(c.year.closedAt) : ''}${c.year.closedBy ? ` (${c.year.closedBy})` : ''}: записи только для чтения`
              : 'Год не закрыт'}
          </Typography.Text>
        )}
        <Button onClick={() => void list.reload()}>Проверить заново</Button>
        {mayClose && c && !c.year.closed && (
          <Popconfirm
            title="Закрыть учебный год?"
            description="После закрытия никто не сможет изменить записи этого года; открыть его снова может только директор, указав причину."
            okText="Закрыть год"
            cancelText="Отмена"
            onConfirm={async () => {
              // refused: main's message lists what is missing; either way the checklist is read again
              await mutate('yearClose.close', { yearId: c.year.id }, `Учебный год ${c.year.name} закрыт`);
              void list.reload();
            }}
          >
            <Button type="primary" data-testid="close-year">
              Закрыть год
            </Button>
          </Popconfirm>
        )}
        {mayClose && c?.year.closed && (
          <Button danger onClick={() => setReopen(true)}>
            Открыть год заново…
          </Button>
        )}
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      {c && (
        <Alert
          type={c.failures.length ? 'warning' : 'success'}
          showIcon
          data-testid="checklist-summary"
          title={
            c.failures.length
              ? `Не хватает: ${c.failures.length}. Год можно закрыть, когда список пуст (отсроченные отметки больного ученика — исключения).`
              : 'Всё на месте: отметки за периоды и год, итоговые отметки 9 и 11 классов, решения педагогического совета.'
          }
          description={`Проверено: классов ${c.checked.classes}, учеников на конец года ${c.checked.students}, отметок ${c.checked.marks}, решений совета ${c.checked.decisions}.`}
        />
      )}
      {c && (
        <Tabs
          items={[
            {
              key: 'failures',
              label: `Недочёты (${c.failures.length})`,
              children: (
                <Table
                  rowKey={(r) => r.message}
                  size="small"
                  data-testid="checklist-failures"
                  dataSource={c.failures}
                  pagination={{ pageSize: 50 }}
                  columns={[
                    { title: 'Класс', dataIndex: 'className', width: 80 },
                    { title: 'Предмет', dataIndex: 'subject' },
                    { title: 'Ученик', dataIndex: 'student' },
                    { title: 'Что не так', dataIndex: 'message' },
                    {
                      title: '',
                      width: 130,
                      render: (_: unknown, r: ChecklistItem) =>
                        r.kind === 'mark' && !r.deferral && !c.year.closed ? (
                          <Button size="small" onClick={() => setDefer(r)}>
                            Отсрочить…
                          </Button>
                        ) : null,
                    },
                  ]}
                />
              ),
            },
            {
              key: 'exceptions',
              label: `Отсрочки (${c.exceptions.length})`,
              children: (
                <Table
                  rowKey={(r) => r.message}
                  size="small"
                  dataSource={c.exceptions}
                  pagination={false}
                  columns={[
                    { title: 'Что', dataIndex: 'message' },
                    {
                      title: 'Состояние',
                      render: (_: unknown, r: ChecklistItem) =>
                        r.deferral ? <Tag color={STATE_COLOR[r.deferral.state]}>{r.deferral.stateName}</Tag> : null,
                    },
                    { title: 'Причина', render: (_: unknown, r: ChecklistItem) => r.deferral?.reason },
                    { title: 'Кто назначил', render: (_: unknown, r: ChecklistItem) => r.deferral?.createdBy },
                    {
                      title: '',
                      render: (_: unknown, r: ChecklistItem) =>
                        r.deferral && !c.year.closed ? (
                          <Button
                            size="small"
                            onClick={async () => {
                              if (await mutate('yearClose.undefer', { id: r.deferral!.id }, 'Отсрочка снята')) void list.reload();
                            }}
                          >
                            Снять отсрочку
                          </Button>
                        ) : null,
                    },
                  ]}
                />
              ),
            },
            {
              key: 'decisions',
              label: 'Решения педагогического совета',
              children: <Decisions yearId={c.year.id} closed={c.year.closed} onSaved={() => void list.reload()} />,
            },
          ]}
        />
      )}
      <DeferModal item={defer} yearId={yearId} onClose={() => setDefer(null)} onSaved={() => void list.reload()} />
      <Modal open={reopen} title="Открыть учебный год заново" footer={null} onCancel={() => setReopen(false)} destroyOnHidden>
        <ReasonForm
          onSubmit={async (reason) => {
            if (c && (await mutate('yearClose.reopen', { yearId: c.year.id, reason }, `Учебный год ${c.year.name} открыт заново`))) {
              setReopen(false);
              void list.reload();
            }
          }}
        />
      </Modal>
    </Space>
  );
}

function ReasonForm(props: { onSubmit(reason: string): void }) {
  const [reason, setReason] = useState('');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text>Причина (записывается в журнал аудита):</Typography.Text>
      <Input.TextArea aria-label="Причина" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={300} />
      <Button type="primary" disabled={!reason.trim()} onClick={() => props.onSubmit(reason.trim())}>
        Открыть год
      </Button>
    </Space>
  );
}

function DeferModal(props: { item: ChecklistItem | null; yearId: number | null; onClose(): void; onSaved(): void }) {
  const { item, yearId } = props;
  const mutate = useMutation();
  const [reason, setReason] = useState('');
  const [due, setDue] = useState<Dayjs | null>(null);
  return (
    <Modal open={!!item} title="Отсрочка отметки (болезнь ученика)" footer={null} onCancel={props.onClose} destroyOnHidden>
      {item && yearId && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{item.message}</Typography.Text>
          <Input
            aria-label="Причина отсрочки"
            placeholder="Болезнь, справка № …"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <DatePicker aria-label="Срок" format="DD.MM.YYYY" placeholder="Срок" value={due} onChange={setDue} />
          <Button
            type="primary"
            disabled={!reason.trim() || !due}
            onClick={async () => {
              const saved = await mutate(
                'yearClose.defer',
                {
                  yearId,
                  classId: item.classId!,
                  subjectId: item.subjectId!,
                  studentId: item.studentId!,
                  kind: item.markKind!,
                  reason: reason.trim(),
                  dueDate: due!.format('YYYY-MM-DD'),
                },
                `Отметка отсрочена до ${due!.format('DD.MM.YYYY')}`,
              );
              if (saved) {
                props.onClose();
                props.onSaved();
              }
            }}
          >
            Отсрочить
          </Button>
        </Space>
      )}
    </Modal>
  );
}

function Decisions(props: { yearId: number; closed: boolean; onSaved(): void }) {
  const classes = useQuery('classes.list', { yearId: props.yearId });
  const [classId, setClassId] = useState<number | null>(null);
  const data = useQuery('yearClose.decisions', classId ? { yearId: props.yearId, classId } : null);
  const mutate = useMutation();
  const [edits, setEdits] = useState<Record<number, CouncilDecisionKind | null>>({});
  const [protocol, setProtocol] = useState('');
  useEffect(() => {
    setEdits({});
    setProtocol(data.data?.rows.find((r) => r.protocol)?.protocol ?? '');
  }, [data.data]);
  const grade = data.data?.grade ?? 0;
  const kinds = (Object.keys(DECISION_NAMES) as CouncilDecisionKind[]).filter((k) => k !== 'graduated' || grade === 9 || grade === 11);
  const changed = Object.keys(edits).length > 0 || (data.data?.rows.some((r) => r.kind && r.protocol !== protocol) ?? false);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label="Класс"
          placeholder="Класс"
          style={{ width: 120 }}
          value={classId ?? undefined}
          onChange={setClassId}
          options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <Input
          aria-label="Протокол"
          style={{ width: 300 }}
          placeholder="протокол № 12 от 28.05.2026"
          value={protocol}
          disabled={props.closed}
          onChange={(e) => setProtocol(e.target.value)}
        />
        {data.data && !props.closed && (
          <Button
            onClick={() =>
              setEdits(
                Object.fromEntries(
                  data.data!.rows.filter((r) => !r.kind).map((r) => [r.studentId, r.debts.length ? 'conditional' : 'promoted']),
                ),
              )
            }
          >
            Заполнить пустые: «переведён» (с задолженностью — «условно»)
          </Button>
        )}
        {data.data && !props.closed && (
          <Button
            type="primary"
            disabled={!changed}
            onClick={async () => {
              const rows = data.data!.rows;
              const saved = await mutate(
                'yearClose.saveDecisions',
                {
                  yearId: props.yearId,
                  classId: classId!,
                  protocol: protocol.trim(),
                  decisions: rows
                    .filter((r) => r.studentId in edits || r.kind)
                    .map((r) => ({ studentId: r.studentId, kind: r.studentId in edits ? edits[r.studentId] : r.kind, note: r.note })),
                },
                'Решения сохранены',
              );
              if (saved) {
                void data.reload();
                props.onSaved();
              }
            }}
          >
            Сохранить решения
          </Button>
        )}
      </Space>
      {data.error && <Alert type="error" showIcon title={data.error} />}
      <Table
        rowKey="studentId"
        size="small"
        data-testid="decisions"
        loading={data.loading}
        dataSource={data.data?.rows ?? []}
        pagination={false}
        columns={[
          { title: 'Ученик', dataIndex: 'student' },
          {
            title: 'Решение',
            render: (_: unknown, r: DecisionRow) => (
              <Select
                aria-label={`Решение: ${r.student}`}
                allowClear
                disabled={props.closed}
                style={{ width: 280 }}
                placeholder="нет решения"
                value={(r.studentId in edits ? edits[r.studentId] : r.kind) ?? undefined}
                onChange={(v) => setEdits((e) => ({ ...e, [r.studentId]: v ?? null }))}
                options={kinds.map((k) => ({ value: k, label: DECISION_NAMES[k] }))}
              />
            ),
          },
          { title: 'Годовые «2» и «н/а»', render: (_: unknown, r: DecisionRow) => r.debts.join(', ') },
          {
            title: 'Записано',
            render: (_: unknown, r: DecisionRow) => (r.recordedAt ? `${ruDate(r.recordedAt.slice(0, 10))}, ${r.recordedBy}` : ''),
          },
        ]}
      />
    </Space>
  );
}
