import { Alert, Button, DatePicker, Empty, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { ArchiveRow, BoardCell, CertifyStep } from '../../../main/contract/archive';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { ruDate } from '../journal/common';
import { downloadBase64 } from '../timetable/common';
import { useSchoolDay } from '../../components/YearDatePicker';

// «Архив» (issue 14 part 3; seed 001 director §5): the register of printed journals and ledgers, where office staff mark
// each paper copy laced, signed by the director and sealed, and say where it is kept; the 30 June board of the year;
// the documents whose term is over and the acts of selection for destruction.

const STATE_TAG: Record<ArchiveRow['state'] | BoardCell['state'], { color: string; text: string }> = {
  missing: { color: 'red', text: 'нет' },
  printed: { color: 'default', text: 'напечатан' },
  laced: { color: 'blue', text: 'прошит' },
  signed: { color: 'geekblue', text: 'подписан' },
  sealed: { color: 'green', text: 'скреплён печатью' },
  destroyed: { color: 'volcano', text: 'уничтожен' },
};

const STEP_TITLES: Record<CertifyStep, string> = { laced: 'Прошит', signed: 'Подписан руководителем', sealed: 'Скреплён печатью' };
/** The row's buttons: short, so the register fits the window. */
const STEP_BUTTONS: Record<CertifyStep, string> = { laced: 'Прошит', signed: 'Подписан', sealed: 'Скреплён' };

const who = (at: string | null, by: string | null) => (at ? `${ruDate(at)}, ${by ?? ''}` : '—');

function CertifyDialog(props: { row: ArchiveRow; step: CertifyStep; onClose(changed: boolean): void }) {
  const schoolDay = useSchoolDay();
  const mutate = useMutation();
  const { me } = useSession();
  const [on, setOn] = useState<Dayjs>(schoolDay);
  const [by, setBy] = useState(me.name);
  return (
    <Modal
      open
      title={`${STEP_TITLES[props.step]}: ${props.row.title}, ${props.row.yearName}`}
      okText="Отметить"
      cancelText="Отмена"
      onCancel={() => props.onClose(false)}
      onOk={async () => {
        const r = await mutate(
          'archive.certify',
          { documentId: props.row.id, step: props.step, on: on.format('YYYY-MM-DD'), by },
          'Отметка записана',
        );
        if (r) props.onClose(true);
      }}
    >
      <Form layout="vertical">
        <Form.Item label="Дата">
          <DatePicker aria-label="Дата" format="DD.MM.YYYY" allowClear={false} value={on} onChange={(d) => d && setOn(d)} />
        </Form.Item>
        <Form.Item label="Кто">
          <Input aria-label="Кто" value={by} onChange={(e) => setBy(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PlaceDialog(props: { row: ArchiveRow; onClose(changed: boolean): void }) {
  const mutate = useMutation();
  const [place, setPlace] = useState(props.row.storagePlace);
  return (
    <Modal
      open
      title={`Место хранения: ${props.row.title}, ${props.row.yearName}`}
      okText="Сохранить"
      cancelText="Отмена"
      onCancel={() => props.onClose(false)}
      onOk={async () => {
        if (await mutate('archive.place', { documentId: props.row.id, place }, 'Место хранения записано')) props.onClose(true);
      }}
    >
      <Input aria-label="Место хранения" placeholder="Архив, шкаф 3, полка 2" value={place} onChange={(e) => setPlace(e.target.value)} />
    </Modal>
  );
}

function RegisterTable(props: {
  rows: ArchiveRow[];
  loading: boolean;
  reload(): void;
  selectable?: { selected: number[]; onChange(ids: number[]): void };
}) {
  const [certifying, setCertifying] = useState<{ row: ArchiveRow; step: CertifyStep } | null>(null);
  const [placing, setPlacing] = useState<ArchiveRow | null>(null);
  return (
    <>
      <Table<ArchiveRow>
        size="small"
        rowKey="id"
        loading={props.loading}
        dataSource={props.rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        rowSelection={
          props.selectable
            ? { selectedRowKeys: props.selectable.selected, onChange: (k) => props.selectable!.onChange(k as number[]) }
            : undefined
        }
        columns={[
          { title: 'Документ', key: 'title', render: (_, r) => r.title },
          { title: 'Год', dataIndex: 'yearName', width: 90 },
          { title: 'Формат', key: 'format', width: 70, render: (_, r) => (r.format === 'html' ? 'печать' : r.format.toUpperCase()) },
          { title: 'Стр.', dataIndex: 'pages', width: 60 },
          { title: 'Напечатан', key: 'printed', render: (_, r) => `${ruDate(r.printedAt.slice(0, 10))}, ${r.printedBy}` },
          {
            title: 'Состояние',
            key: 'state',
            render: (_, r) => (
              <Tag color={STATE_TAG[r.state].color}>
                {STATE_TAG[r.state].text}
                {r.destroyedOn ? ` ${ruDate(r.destroyedOn)} (акт № ${r.actNumber})` : ''}
              </Tag>
            ),
          },
          { title: 'Прошит', key: 'laced', render: (_, r) => who(r.lacedAt, r.lacedBy) },
          { title: 'Подписан', key: 'signed', render: (_, r) => who(r.signedAt, r.signedBy) },
          { title: 'Печать', key: 'sealed', render: (_, r) => who(r.sealedAt, r.sealedBy) },
          { title: 'Где хранится', dataIndex: 'storagePlace', render: (v: string) => v || '—' },
          {
            title: 'Хранить до',
            key: 'until',
            render: (_, r) => <span style={r.expired && !r.destroyedOn ? { color: '#cf1322' } : undefined}>{ruDate(r.retainUntil)}</span>,
          },
          {
            title: 'SHA-256',
            key: 'sha',
            render: (_, r) => (
              <Typography.Text code copyable={{ text: r.sha256 }}>
                {r.sha256.slice(0, 8)}…
              </Typography.Text>
            ),
          },
          {
            title: '',
            key: 'actions',
            render: (_, r) =>
              r.destroyedOn ? null : (
                <Space size={4} wrap>
                  {(['laced', 'signed', 'sealed'] as const).map((step) => (
                    <Button key={step} size="small" title={STEP_TITLES[step]} onClick={() => setCertifying({ row: r, step })}>
                      {STEP_BUTTONS[step]}
                    </Button>
                  ))}
                  <Button size="small" onClick={() => setPlacing(r)}>
                    Место
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {certifying && (
        <CertifyDialog
          row={certifying.row}
          step={certifying.step}
          onClose={(changed) => {
            setCertifying(null);
            if (changed) props.reload();
          }}
        />
      )}
      {placing && (
        <PlaceDialog
          row={placing}
          onClose={(changed) => {
            setPlacing(null);
            if (changed) props.reload();
          }}
        />
      )}
    </>
  );
}

function Board({ yearId }: { yearId: number }) {
  const board = useQuery('archive.board', { yearId });
  const b = board.data;
  if (!b) return null;
  const tag = (c: BoardCell) => <Tag color={STATE_TAG[c.state].color}>{STATE_TAG[c.state].text}</Tag>;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type={b.counts.missing === 0 && b.counts.sealed === b.counts.expected ? 'success' : b.overdue ? 'error' : 'info'}
        showIcon
        title={`К ${ruDate(b.deadline)}: ожидается ${b.counts.expected}, напечатано ${b.counts.printed}, скреплено печатью ${b.counts.sealed}, не напечатано ${b.counts.missing}${b.overdue ? ' — срок прошёл' : ''}`}
      />
      <Table
        size="small"
        rowKey="classId"
        pagination={false}
        dataSource={[...b.classes, { classId: 0, className: 'Книга сводных ведомостей школы', journal: null, ledger: b.book }]}
        columns={[
          { title: 'Класс', dataIndex: 'className' },
          { title: 'Классный журнал', key: 'j', render: (_, c) => (c.journal ? tag(c.journal) : '') },
          { title: 'Сводная ведомость', key: 'l', render: (_, c) => tag(c.ledger) },
        ]}
      />
    </Space>
  );
}

function Expired() {
  const schoolDay = useSchoolDay();
  const mutate = useMutation();
  const expired = useQuery('archive.expired', {});
  const acts = useQuery('archive.acts', {});
  const [selected, setSelected] = useState<number[]>([]);
  const [signing, setSigning] = useState<number | null>(null);
  const [signedOn, setSignedOn] = useState<Dayjs>(schoolDay);
  const reload = () => {
    void expired.reload();
    void acts.reload();
  };
  const inAct = (expired.data ?? []).filter((r) => r.actId === null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">
        Классные журналы хранятся 5 лет, сводные ведомости — 25 лет (с 1 января года, следующего за окончанием учебного года). Документы с
        истёкшим сроком включаются в акт о выделении к уничтожению; после подписания акта они отмечаются уничтоженными.
      </Typography.Paragraph>
      <RegisterTable rows={inAct} loading={expired.loading} reload={reload} selectable={{ selected, onChange: setSelected }} />
      <Button
        type="primary"
        disabled={!selected.length}
        onClick={async () => {
          if (await mutate('archive.actDraw', { documentIds: selected }, 'Акт составлен')) {
            setSelected([]);
            reload();
          }
        }}
      >
        Составить акт о выделении к уничтожению
      </Button>
      <Typography.Title level={5}>Акты</Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={acts.data ?? []}
        columns={[
          { title: '№', dataIndex: 'number' },
          { title: 'Составлен', key: 'drawn', render: (_, a) => `${ruDate(a.drawnAt.slice(0, 10))}, ${a.drawnBy}` },
          { title: 'Документов', dataIndex: 'documents' },
          { title: 'Подписан', key: 'signed', render: (_, a) => (a.signedOn ? ruDate(a.signedOn) : 'нет') },
          {
            title: '',
            key: 'actions',
            render: (_, a) => (
              <Space>
                <Button
                  size="small"
                  onClick={async () => {
                    const f = await mutate('archive.actFile', { actId: a.id });
                    if (f) downloadBase64(f.name, f.base64, f.mime);
                  }}
                >
                  PDF
                </Button>
                {!a.signedOn && (
                  <Button size="small" onClick={() => setSigning(a.id)}>
                    Акт подписан
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {signing !== null && (
        <Modal
          open
          title="Акт подписан: документы будут отмечены уничтоженными"
          okText="Записать"
          cancelText="Отмена"
          onCancel={() => setSigning(null)}
          onOk={async () => {
            if (
              await mutate(
                'archive.actSign',
                { actId: signing, signedOn: signedOn.format('YYYY-MM-DD') },
                'Документы отмечены уничтоженными',
              )
            ) {
              setSigning(null);
              reload();
            }
          }}
        >
          <DatePicker
            aria-label="Дата подписания"
            format="DD.MM.YYYY"
            allowClear={false}
            value={signedOn}
            onChange={(d) => d && setSignedOn(d)}
          />
        </Modal>
      )}
    </Space>
  );
}

export function ArchiveScreen() {
  const session = useSession();
  const years = useQuery('years.list', {});
  const [yearId, setYearId] = useState<number | null>(session.yearId);
  useEffect(() => {
    if (yearId === null && session.yearId) setYearId(session.yearId);
  }, [session.yearId, yearId]);
  const register = useQuery('archive.register', yearId ? { yearId } : null);
  if (!yearId) return <Empty description="Сначала создайте учебный год" />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <span>Учебный год:</span>
        <Select
          aria-label="Учебный год"
          style={{ width: 140 }}
          value={yearId}
          onChange={setYearId}
          options={(years.data ?? []).map((y) => ({ value: y.id, label: y.name }))}
        />
      </Space>
      <Tabs
        items={[
          {
            key: 'register',
            label: 'Реестр',
            children: register.data?.rows.length ? (
              <RegisterTable rows={register.data.rows} loading={register.loading} reload={() => void register.reload()} />
            ) : (
              <Empty description="Журналы и ведомости этого года ещё не печатались" />
            ),
          },
          { key: 'board', label: 'К 30 июня', children: <Board key={register.data?.rows.length ?? 0} yearId={yearId} /> },
          { key: 'expired', label: 'Срок хранения истёк', children: <Expired /> },
        ]}
      />
    </Space>
  );
}
