import { Alert, Button, Empty, Space, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { FinalMarkKind } from '../../../main/contract/unions';
import type { YearFinals } from '../../../main/contract/journal-outputs';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { NeedYear } from '../timetable/common';
import { FinalsDialog, JournalPicker, num, ruTime, UnlockDialog, useJournalPick, type FinalRow } from './common';

// The year's period, year, exam and final marks of one journal (class × subject or group).

export function FinalsScreen() {
  return (
    <NeedYear>
      <Finals />
    </NeedYear>
  );
}

function Finals() {
  const { yearId } = useSession();
  const pick = useJournalPick(yearId);
  const j = pick.current;
  const q = useQuery('journal.finals', j ? { classId: j.classId, subjectId: j.subjectId, groupId: j.groupId } : null);
  const mutate = useMutation();
  const [editing, setEditing] = useState<YearFinals['columns'][number] | null>(null);
  const [unlocking, setUnlocking] = useState<YearFinals['columns'][number] | null>(null);
  const f = q.data;
  if (pick.error) return <Alert type="error" showIcon title={pick.error} />;
  const rowsFor = (kind: FinalMarkKind): FinalRow[] =>
    (f?.students ?? []).map((s) => {
      const sug = kind === 'year' ? f?.suggested[s.id] : undefined;
      return {
        student: s,
        value: f?.marks[s.id]?.[kind] ?? null,
        suggested: sug?.suggested ?? null,
        hint: sug ? `ср. за год ${num(sug.average) || '—'}` : '',
      };
    });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <JournalPicker journals={pick.journals} current={j} loading={pick.loading} onChange={pick.setKey} />
        {f && <Typography.Text type="secondary">Учитель: {f.teacher}</Typography.Text>}
      </Space>
      {!j && !pick.loading && <Empty description="Нет журналов, доступных вам в этом учебном году" />}
      {q.error && <Alert type="error" showIcon title={q.error} />}
      {f && (
        <Table
          size="small"
          bordered
          data-testid="finals-table"
          loading={q.loading}
          rowKey="id"
          pagination={false}
          dataSource={f.students}
          columns={[
            { title: '№', width: 40, render: (_, __, i) => i + 1 },
            { title: 'Ученик', dataIndex: 'name' },
            ...f.columns.map((c) => ({
              key: c.kind,
              align: 'center' as const,
              width: 110,
              title: (
                <Space direction="vertical" size={2}>
                  <span>
                    {c.label}
                    {c.locked && (
                      <Tooltip title={`Закрыто ${ruTime(c.locked.lockedAt)} (${c.locked.lockedBy})`}>
                        <span aria-label="закрыто"> 🔒</span>
                      </Tooltip>
                    )}
                  </span>
                  {f.canEdit && !c.locked && (
                    <Button size="small" onClick={() => setEditing(c)} aria-label={`Выставить: ${c.label}`}>
                      Выставить
                    </Button>
                  )}
                  {c.locked && f.canUnlock && (
                    <Button size="small" danger onClick={() => setUnlocking(c)}>
                      Снять блокировку
                    </Button>
                  )}
                </Space>
              ),
              render: (_: unknown, s: { id: number }) => <b data-testid={`final-${s.id}-${c.kind}`}>{f.marks[s.id]?.[c.kind] ?? ''}</b>,
            })),
            {
              title: 'Ср. за год',
              align: 'center' as const,
              width: 100,
              render: (_, s) => {
                const sug = f.suggested[s.id];
                return sug?.average != null ? `${num(sug.average)}${sug.suggested ? ` → ${sug.suggested}` : ''}` : '';
              },
            },
          ]}
        />
      )}
      {f && editing && (
        <FinalsDialog
          open
          title={`${editing.label}: ${f.className} · ${f.subjectName}`}
          kind={editing.kind}
          grading={f.grading}
          rows={rowsFor(editing.kind)}
          warning={
            /^p\d$/.test(editing.kind)
              ? `После сохранения «${editing.label}» закрывается для изменений; исправления — через заместителя директора.`
              : undefined
          }
          onClose={() => setEditing(null)}
          onSave={async (marks) => {
            const r = await mutate(
              'journal.setFinals',
              { classId: f.classId, subjectId: f.subjectId, groupId: f.groupId, kind: editing.kind, marks, lock: true },
              'Отметки сохранены',
            );
            if (r) void q.reload();
            return r !== undefined;
          }}
        />
      )}
      <UnlockDialog
        lockId={unlocking?.locked?.id ?? null}
        what={`«${unlocking?.label ?? ''}» журнала ${f ? `${f.className} · ${f.subjectName}` : ''}`}
        onClose={(done) => {
          setUnlocking(null);
          if (done) void q.reload();
        }}
      />
    </Space>
  );
}
