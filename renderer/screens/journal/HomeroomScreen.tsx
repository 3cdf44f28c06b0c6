import { Alert, Drawer, Empty, Popover, Segmented, Space, Spin, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { AttendanceAbsence, ClassAttendance, HomeroomView, StudentCard } from '../../../main/contract/journal-outputs';
import { ABSENCE_CODES } from '../../../main/contract/rules/cell-text';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { NeedYear } from '../timetable/common';
import { dayMonth, num, PeriodSelect, ruDate, usePeriodChoice } from './common';
import { usePref } from '../../prefs';
import { ParentsPanel } from './ParentsPanel';
import { SearchSelect } from '../../components/SearchSelect';
import { PersonalChecksPanel } from './PersonalChecksPanel';

// The homeroom teacher's view of the class: every subject's marks of a period (read-only), each student's card with
// the whole year, and the class's attendance by day.

export function HomeroomScreen() {
  return (
    <NeedYear>
      <Homeroom />
    </NeedYear>
  );
}

const FINAL_LABELS: Record<string, string> = { year: 'Год', exam: 'Экзамен', final: 'Итог' };

function Homeroom() {
  const { yearId, me } = useSession();
  const allClasses = useQuery('classes.list', yearId ? { yearId } : null);
  const journals = useQuery('journal.list', yearId ? { yearId } : null);
  // The deputy, the director and the office read every class; others the class they lead and the classes they teach
  // (main checks it again on every call).
  const wholeSchool = me.roles.some((r) => r === 'deputy' || r === 'director' || r === 'office');
  const taught = new Set((journals.data ?? []).map((j) => j.classId));
  const classList = (allClasses.data ?? []).filter(
    (c) => wholeSchool || taught.has(c.id) || (me.staffId !== null && c.homeroomStaffId === me.staffId),
  );
  const classes = { data: classList, error: allClasses.error ?? journals.error };
  const own = classList.find((c) => me.staffId !== null && c.homeroomStaffId === me.staffId);
  const [storedClass, setClassId] = usePref(me.userId, `homeroom-class:${yearId ?? ''}`);
  const cls = classList.find((c) => c.id === Number(storedClass))?.id ?? own?.id ?? classList[0]?.id ?? null;
  const period = usePeriodChoice();
  const { periodId, follow } = period;
  const view = useQuery('journal.homeroom', cls ? { classId: cls, periodId } : null);
  const [card, setCard] = useState<number | null>(null);
  const v = view.data;
  useEffect(() => follow(v), [v, follow]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <SearchSelect
          aria-label="Класс"
          style={{ width: 140 }}
          value={cls ?? undefined}
          onChange={(c) => {
            setClassId(String(c));
            period.reset();
          }}
          options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        {v && <PeriodSelect periods={v.periods} value={v.period.id} onChange={(id) => period.choose(id, v.periods)} />}
        {view.loading && <Spin size="small" />}
      </Space>
      {(classes.error || view.error) && <Alert type="error" showIcon title={classes.error ?? view.error} />}
      {v && (
        <Tabs
          items={[
            { key: 'marks', label: 'Успеваемость', children: <MarksTable view={v} onStudent={setCard} /> },
            {
              key: 'attendance',
              label: 'Посещаемость',
              children: <AttendanceTable classId={v.classId} from={v.period.start} to={v.period.end} onStudent={setCard} />,
            },
            // paper for parents: the class's homeroom teacher and the administration (main checks it again)
            ...(wholeSchool || classList.some((c) => c.id === v.classId && me.staffId !== null && c.homeroomStaffId === me.staffId)
              ? [
                  {
                    key: 'parents',
                    label: 'Выписки для родителей',
                    children: <ParentsPanel classId={v.classId} students={v.students.map((s) => ({ id: s.id, name: s.name }))} />,
                  },
                  { key: 'checks', label: 'Персональные данные', children: <PersonalChecksPanel classId={v.classId} /> },
                ]
              : []),
          ]}
        />
      )}
      <Drawer open={card !== null} width={980} title="Карточка ученика" onClose={() => setCard(null)} destroyOnHidden>
        {card !== null && <StudentCardView studentId={card} yearId={yearId} />}
      </Drawer>
    </Space>
  );
}

function MarksTable({ view, onStudent }: { view: HomeroomView; onStudent(id: number): void }) {
  return (
    <Table
      size="small"
      bordered
      data-testid="homeroom-table"
      rowKey="id"
      pagination={false}
      // Every subject of the class side by side without scrolling sideways: the columns share the width (a fixed table
      // layout), a long row of marks is cut short and shown whole in its tooltip.
      tableLayout="fixed"
      scroll={{ y: 'calc(100vh - 250px)' }}
      dataSource={view.students}
      columns={[
        { ...studentColumn(onStudent), fixed: undefined, width: 170, ellipsis: true },
        ...view.subjects.map((subj) => ({
          key: subj.id,
          title: (
            <span style={{ fontSize: 11, lineHeight: '13px', display: 'block', wordBreak: 'break-word' as const }} title={subj.name}>
              {subj.name}
            </span>
          ),
          render: (_: unknown, s: HomeroomView['students'][number]) => {
            const r = s.rows.find((x) => x.subjectId === subj.id);
            if (!r) return null;
            return (
              <Tooltip title={`${r.marks.join(' ') || 'отметок нет'}${r.missed ? `; пропущено уроков: ${r.missed}` : ''}`}>
                <div style={{ fontSize: 12, lineHeight: '16px' }}>
                  <div
                    data-testid={`homeroom-marks-${s.id}-${subj.id}`}
                    style={{ color: '#556', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: '100%' }}
                  >
                    {r.marks.join(' ')}
                  </div>
                  <div style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                    {r.periodMark ? <b data-testid={`homeroom-period-${s.id}-${subj.id}`}>{r.periodMark}</b> : null}
                    {r.average !== null && <span style={{ color: '#8c8c8c' }}> {num(r.average)}</span>}
                  </div>
                </div>
              </Tooltip>
            );
          },
        })),
        {
          title: 'Пропуски',
          width: 112,
          render: (_, s) => (
            <Tooltip title={`по болезни ${s.missedIllness}, по уважительной ${s.missedExcused}`}>
              <span>
                {s.missed}
                {s.missed > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {' '}
                    (б {s.missedIllness}, у {s.missedExcused})
                  </Typography.Text>
                )}
              </span>
            </Tooltip>
          ),
        },
      ]}
    />
  );
}

/**
 * The reasons of one day's absences (seed 003 §4.3.8): when a note from home arrives, «н» becomes «у» or «б». Main
 * allows it to the class's homeroom teacher, the lesson's teacher and the deputy.
 */
function AbsenceReasons({ absences, onChanged }: { absences: AttendanceAbsence[]; onChanged(): void }) {
  const mutate = useMutation();
  return (
    <Space direction="vertical" data-testid="absence-reasons">
      {absences.map((x) => (
        <Space key={x.lessonId}>
          <span style={{ minWidth: 190, display: 'inline-block' }}>
            {x.lessonNumber} урок, {x.subject}
          </span>
          <Segmented
            size="small"
            aria-label={`Причина: ${x.subject}`}
            value={x.absence}
            options={ABSENCE_CODES.map((c) => ({ value: c.code, label: <Tooltip title={c.name}>{c.code}</Tooltip> }))}
            onChange={async (v) => {
              const r = await mutate(
                'journal.absenceReason',
                { lessonId: x.lessonId, studentId: x.studentId, absence: v as AttendanceAbsence['absence'] },
                'Причина пропуска сохранена',
              );
              if (r !== undefined) onChanged();
            }}
          />
        </Space>
      ))}
    </Space>
  );
}

function AttendanceTable(props: { classId: number; from: string; to: string; onStudent(id: number): void }) {
  const { can } = useSession();
  const mayReason = can('absences.reason');
  const q = useQuery('journal.attendance', { classId: props.classId, from: props.from, to: props.to });
  const a: ClassAttendance | null = q.data;
  if (q.error) return <Alert type="error" showIcon title={q.error} />;
  if (!a) return <Spin />;
  if (a.days.length === 0) return <Empty description="Нет учебных дней в периоде" />;
  return (
    <Table
      size="small"
      bordered
      data-testid="attendance-table"
      rowKey="id"
      pagination={false}
      scroll={{ x: 'max-content', y: 'calc(100vh - 360px)' }}
      dataSource={a.students}
      columns={[
        studentColumn(props.onStudent),
        ...a.days.map((d) => ({
          key: d,
          title: <span style={{ fontSize: 11 }}>{dayMonth(d)}</span>,
          width: 44,
          align: 'center' as const,
          render: (_: unknown, s: ClassAttendance['students'][number]) => {
            const x = s.days[d];
            if (!x) return null;
            const parts = (['н', 'б', 'у'] as const).filter((k) => x[k] > 0).map((k) => `${k}${x[k] > 1 ? x[k] : ''}`);
            const mark = (
              <span
                data-testid={`attendance-${s.id}-${d}`}
                style={{ color: '#cf1322', fontSize: 12, cursor: mayReason ? 'pointer' : undefined }}
              >
                {parts.join(' ')}
              </span>
            );
            if (!mayReason) return mark;
            return (
              <Popover
                trigger="click"
                title={`${s.name}, ${dayMonth(d)}: причина пропуска`}
                content={
                  <AbsenceReasons
                    absences={a.absences.filter((x) => x.studentId === s.id && x.date === d)}
                    onChanged={() => void q.reload()}
                  />
                }
              >
                {mark}
              </Popover>
            );
          },
        })),
        { title: 'Всего', fixed: 'right', width: 70, align: 'center' as const, dataIndex: 'total' },
      ]}
    />
  );
}

function StudentCardView({ studentId, yearId }: { studentId: number; yearId: number | null }) {
  const q = useQuery('journal.studentCard', { studentId, yearId });
  const c: StudentCard | null = q.data;
  const finalKinds = useMemo(
    () => [
      ...(c?.periods ?? []).map((p) => ({ kind: p.kind as string, label: p.name })),
      ...Object.entries(FINAL_LABELS).map(([kind, label]) => ({ kind, label })),
    ],
    [c],
  );
  if (q.error) return <Alert type="error" showIcon title={q.error} />;
  if (!c) return <Spin />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="student-card">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {c.name}, {c.className}, {c.yearName}
      </Typography.Title>
      <Table
        size="small"
        bordered
        rowKey="subjectId"
        pagination={false}
        dataSource={c.subjects}
        columns={[
          { title: 'Предмет', dataIndex: 'subjectName', width: 160 },
          {
            title: 'Отметки и пропуски за год',
            render: (_, s) => (
              <Space size={[2, 4]} wrap>
                {s.entries.map((e) => (
                  <Tooltip
                    key={e.lessonId}
                    title={`${ruDate(e.date)}${e.workTypes.length ? `: ${e.workTypes.join(', ')}` : ''}${e.comment ? `. ${e.comment}` : ''}`}
                  >
                    <Tag
                      color={/^[нбу]/.test(e.text) ? 'red' : undefined}
                      style={{ marginInlineEnd: 0 }}
                      data-testid={`card-entry-${s.subjectId}-${e.lessonId}`}
                      data-text={e.text}
                    >
                      <span style={{ color: '#999', fontSize: 10 }}>{dayMonth(e.date)} </span>
                      {e.text}
                    </Tag>
                  </Tooltip>
                ))}
              </Space>
            ),
          },
          { title: 'Ср.', width: 60, align: 'center' as const, render: (_, s) => num(s.average) },
          ...finalKinds.map((k) => ({
            title: <span style={{ fontSize: 12 }}>{k.label}</span>,
            key: k.kind,
            width: 70,
            align: 'center' as const,
            render: (_: unknown, s: StudentCard['subjects'][number]) => (
              <b>{(s.finals as Record<string, string | undefined>)[k.kind] ?? ''}</b>
            ),
          })),
        ]}
      />
    </Space>
  );
}

/** The numbered student names, fixed on the left, opening the student's card. */
function studentColumn(onStudent: (id: number) => void) {
  return {
    title: 'Ученик',
    fixed: 'left' as const,
    width: 200,
    render: (_: unknown, s: { id: number; name: string }, i: number) => (
      <Typography.Link onClick={() => onStudent(s.id)}>
        {i + 1}. {s.name}
      </Typography.Link>
    ),
  };
}
