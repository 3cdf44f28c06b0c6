import { Alert, Button, Empty, List, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  WEEKLY_KIND_NAMES,
  WEEKLY_KIND_SHORT,
  WEEKLY_KINDS,
  type WeeklyItem,
  type WeeklyKind,
  type WeeklyLine,
} from '../../../main/contract/control-weekly';
import { ruNumber } from '../../../main/contract/rules/numbers';
import { call } from '../../api';
import { useSchoolDay, useYearDay, YearDatePicker } from '../../components/YearDatePicker';
import { useQuery } from '../../hooks';
import { useSession } from '../../session';
import { openJournalAt } from '../journal/focus';
import { downloadBase64 } from '../timetable/common';

// The weekly control of the journal (issue 12 part 3): per teacher, class and subject, what is missing or late in the
// week; every figure and every item opens the journal at its cell. Main decides whose lines the caller sees.

const ruDate = (iso: string) => iso.split('-').reverse().join('.');

export function WeeklyControlScreen() {
  const schoolDay = useSchoolDay();
  const { me, yearId, setYearId } = useSession();
  const [day, setDay] = useState<Dayjs>(useYearDay());
  const week = day.format('YYYY-MM-DD');
  const q = useQuery('controlWeekly.report', { week, classId: null });
  const [busy, setBusy] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const r = q.data;

  const open = (line: WeeklyLine, item: WeeklyItem | undefined) => {
    if (r && r.yearId !== yearId) setYearId(r.yearId);
    openJournalAt(me.userId, {
      classId: line.classId,
      subjectId: line.subjectId,
      groupId: line.groupId,
      yearId: r?.yearId ?? yearId ?? 0,
      periodKind: item?.periodKind ?? null,
      lessonId: item?.lessonId ?? null,
      studentId: item?.studentId ?? null,
    });
  };
  const file = async (format: 'pdf' | 'xlsx') => {
    setBusy(format);
    setFileError(null);
    try {
      const f = await call('controlWeekly.file', { week, classId: null, format });
      downloadBase64(f.name, f.base64, f.mime);
    } catch (e) {
      setFileError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const count = (k: WeeklyKind) => ({
    title: WEEKLY_KIND_SHORT[k],
    key: k,
    width: 96,
    align: 'center' as const,
    render: (_: unknown, l: WeeklyLine) =>
      l[k] ? (
        <Button
          type="link"
          size="small"
          data-testid={`weekly-${k}-${l.key}`}
          title={`${WEEKLY_KIND_NAMES[k]}: открыть в журнале`}
          onClick={() =>
            open(
              l,
              l.items.find((i) => i.kind === k),
            )
          }
        >
          {ruNumber(l[k])}
        </Button>
      ) : (
        ''
      ),
  });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>Неделя, содержащая день:</span>
        <YearDatePicker aria-label="Неделя" allowClear={false} value={day} onChange={(d) => d && setDay(d)} />
        {r && (
          <Typography.Text data-testid="weekly-range">
            {ruDate(r.from)} — {ruDate(r.to)}; {r.scope}
          </Typography.Text>
        )}
        <Button onClick={() => void file('pdf')} loading={busy === 'pdf'} disabled={!r}>
          Печать (PDF)
        </Button>
        <Button onClick={() => void file('xlsx')} loading={busy === 'xlsx'} disabled={!r}>
          Excel
        </Button>
        <Button onClick={() => setDay(schoolDay)}>Эта неделя</Button>
      </Space>
      {q.error && <Alert type="error" showIcon title={q.error} />}
      {fileError && <Alert type="error" showIcon title={fileError} />}
      {r && (
        <>
          <Space wrap size="large" data-testid="weekly-totals">
            {WEEKLY_KINDS.map((k) => (
              <span key={k}>
                {WEEKLY_KIND_NAMES[k]}: <b>{ruNumber(r.totals[k])}</b>
              </span>
            ))}
          </Space>
          {r.lines.length === 0 ? (
            <Empty description="За эту неделю замечаний нет" />
          ) : (
            <Table<WeeklyLine>
              data-testid="weekly-table"
              size="small"
              rowKey="key"
              loading={q.loading}
              dataSource={r.lines}
              pagination={{ pageSize: 50, showSizeChanger: false }}
              scroll={{ x: 1200 }}
              onRow={(l) => ({ 'data-testid': `weekly-line-${l.key}` }) as React.HTMLAttributes<HTMLElement>}
              expandable={{
                expandedRowRender: (l) => (
                  <List
                    size="small"
                    dataSource={l.items}
                    renderItem={(i, n) => (
                      <List.Item>
                        <Button type="link" size="small" data-testid={`weekly-item-${l.key}-${n}`} onClick={() => open(l, i)}>
                          {WEEKLY_KIND_NAMES[i.kind]}: {i.text}
                        </Button>
                      </List.Item>
                    )}
                  />
                ),
              }}
              columns={[
                { title: 'Учитель', dataIndex: 'teacher', key: 'teacher', width: 170, fixed: 'left' },
                { title: 'Класс', dataIndex: 'className', key: 'className', width: 60 },
                {
                  title: 'Предмет',
                  key: 'subject',
                  width: 200,
                  render: (_: unknown, l: WeeklyLine) => (l.groupName ? `${l.subjectName} (${l.groupName})` : l.subjectName),
                },
                ...WEEKLY_KINDS.map(count),
                {
                  title: 'Без отметок, %',
                  key: 'share',
                  width: 90,
                  align: 'center' as const,
                  render: (_: unknown, l: WeeklyLine) =>
                    l.withoutMarksShare === null ? '—' : `${ruNumber(l.withoutMarksShare, 1, true)} (${l.withoutMarks} из ${l.students})`,
                },
              ]}
            />
          )}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {r.rules.map((rule) => (
              <span key={rule}>
                {rule}
                <br />
              </span>
            ))}
          </Typography.Paragraph>
        </>
      )}
    </Space>
  );
}
