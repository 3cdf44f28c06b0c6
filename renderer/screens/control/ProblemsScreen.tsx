import { ABSENCE_REASONS } from '../../../main/contract/rules/cell-text';
import { Alert, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { MissedLesson, ProblemStudent, RiskRow, UnsatisfactoryMark } from '../../../main/contract/control-problems';
import { ruNumber } from '../../../main/contract/rules/numbers';
import { useQuery } from '../../hooks';
import { useSession } from '../../session';
import { NeedYear, ruDate } from '../timetable/common';
import { Notes, XlsxButton } from './monitoring-common';
import { ClassPicker, PeriodPicker, useScopeJournals, type PeriodChoice } from './control-common';

// Problem lists (issue 12, part 5; seed 001 deputy §13): unsatisfactory marks and missed lessons with the topics of
// those lessons, per student, and students at risk of «2» or «н/а» in the period. The rules are shown under the lists.

/** The student's name on the first of their rows only: the list reads as one block per student. */
function firstOfStudent<T extends ProblemStudent>(rows: T[]) {
  return (value: string, row: T, index: number) => (index > 0 && rows[index - 1].studentId === row.studentId ? '' : value);
}

const topic = (t: string) => (t ? t : <Typography.Text type="secondary">тема не записана</Typography.Text>);

export function ProblemsScreen() {
  return (
    <NeedYear>
      <Problems />
    </NeedYear>
  );
}

function Problems() {
  const { yearId } = useSession();
  const scope = useScopeJournals();
  // The first class at first: the whole school («Все классы») takes seconds on a big school.
  const [classId, setClassId] = useState<number | null | undefined>(undefined);
  const [period, setPeriod] = useState<PeriodChoice>(null);
  useEffect(() => {
    if (classId === undefined && scope.classes.length) setClassId(scope.classes[0].value);
  }, [classId, scope.classes]);
  const input = yearId && classId !== undefined ? { yearId, classId, period } : null;
  const q = useQuery('problems.list', input);
  const r = q.data;
  const page = { pageSize: 100, showSizeChanger: false, hideOnSinglePage: true };
  const who = <T extends ProblemStudent>(rows: T[]) => [
    ...(classId === null ? [{ title: 'Класс', dataIndex: 'className', width: 70 }] : []),
    { title: 'Ученик', dataIndex: 'student', width: 200, render: firstOfStudent(rows) },
    { title: 'Предмет', dataIndex: 'subject', width: 170 },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <ClassPicker classes={scope.classes} value={classId ?? null} onChange={setClassId} allowAll />
        <PeriodPicker value={period} onChange={setPeriod} />
        {input && <XlsxButton channel="problems.export" input={input} disabled={!r} />}
      </Space>
      {(q.error ?? scope.error) && <Alert type="error" showIcon title={q.error ?? scope.error} />}
      {r && (
        <>
          <Typography.Text type="secondary">
            {r.periodName}, {r.yearName} учебный год; уроки по {ruDate(r.asOf)} включительно.
          </Typography.Text>
          <Tabs
            items={[
              {
                key: 'marks',
                label: `Неудовлетворительные отметки с темами (${r.unsatisfactory.length})`,
                children: (
                  <Table<UnsatisfactoryMark>
                    size="small"
                    rowKey={(m) => `${m.studentId}:${m.date}:${m.lessonNumber}:${m.subjectId}:${m.value}:${m.workType}`}
                    pagination={page}
                    dataSource={r.unsatisfactory}
                    locale={{ emptyText: 'Неудовлетворительных отметок нет' }}
                    columns={[
                      ...who(r.unsatisfactory),
                      { title: 'Дата', dataIndex: 'date', width: 100, render: ruDate },
                      { title: 'Отметка', dataIndex: 'value', width: 80, align: 'center' },
                      { title: 'Вид работы', dataIndex: 'workType', width: 170 },
                      { title: 'Тема урока', dataIndex: 'topic', render: topic },
                    ]}
                  />
                ),
              },
              {
                key: 'missed',
                label: `Пропуски с темами (${r.missed.length})`,
                children: (
                  <Table<MissedLesson>
                    size="small"
                    rowKey={(m) => `${m.studentId}:${m.date}:${m.lessonNumber}:${m.subjectId}`}
                    pagination={page}
                    dataSource={r.missed}
                    locale={{ emptyText: 'Пропусков нет' }}
                    columns={[
                      ...who(r.missed),
                      { title: 'Дата', dataIndex: 'date', width: 100, render: ruDate },
                      { title: 'Причина', dataIndex: 'absence', width: 120, render: (a: MissedLesson['absence']) => ABSENCE_REASONS[a] },
                      {
                        title: 'Отработан',
                        dataIndex: 'madeUp',
                        width: 100,
                        render: (v: boolean) => (v ? <Tag color="green">отметка есть</Tag> : <Tag>нет</Tag>),
                      },
                      { title: 'Тема урока', dataIndex: 'topic', render: topic },
                    ]}
                  />
                ),
              },
              {
                key: 'risks',
                label: `Риск «2» и «н/а» (${r.risks.length})`,
                children: (
                  <Table<RiskRow>
                    size="small"
                    rowKey={(x) => `${x.studentId}:${x.subjectId}`}
                    pagination={page}
                    dataSource={r.risks}
                    locale={{ emptyText: 'Учеников с риском нет' }}
                    columns={[
                      ...who(r.risks),
                      {
                        title: 'Риск',
                        dataIndex: 'risks',
                        width: 110,
                        render: (k: RiskRow['risks']) =>
                          k.map((x) => (
                            <Tag key={x} color={x === '2' ? 'red' : 'orange'}>
                              «{x}»
                            </Tag>
                          )),
                      },
                      { title: 'Отметок', dataIndex: 'marks', width: 80, align: 'right' },
                      {
                        title: 'Средний балл',
                        dataIndex: 'average',
                        width: 110,
                        align: 'right',
                        render: (a: number | null) => (a === null ? '—' : ruNumber(a, 2, true)),
                      },
                      {
                        title: 'Пропущено',
                        key: 'abs',
                        width: 110,
                        align: 'right',
                        render: (_: unknown, x: RiskRow) => `${x.absences} из ${x.lessons}`,
                      },
                      { title: 'Почему', dataIndex: 'reasons', render: (x: string[]) => x.join('; ') },
                    ]}
                  />
                ),
              },
            ]}
          />
          <Notes lines={r.rules} />
        </>
      )}
    </Space>
  );
}
