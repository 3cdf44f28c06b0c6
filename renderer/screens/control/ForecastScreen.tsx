import { Alert, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { CERTAINTY_NAMES, type Certainty, type StudentForecast, type SubjectForecast } from '../../../main/contract/control-problems';
import { ruNumber } from '../../../main/contract/rules/numbers';
import { useQuery } from '../../hooks';
import { useSession } from '../../session';
import { NeedYear, ruDate } from '../timetable/common';
import { ClassPicker, PeriodPicker, useScopeJournals, type PeriodChoice } from './control-common';

// The forecast of period marks (issue 12, part 7; seed 003 §2.7): per class and subject, each student's marks so far,
// the projected mark and its certainty, and the class's projected success and quality. How it is made is written under
// the tables in plain words (FORECAST_EXPLANATION).

const CERTAINTY_COLORS: Record<Certainty, string> = { high: 'green', medium: 'gold', low: 'red' };
const num = (n: number | null, digits = 2) => (n === null ? '—' : ruNumber(n, digits, true));
const pct = (n: number | null) => (n === null ? '—' : `${ruNumber(n, 1, true)} %`);

export function ForecastScreen() {
  return (
    <NeedYear>
      <Forecast />
    </NeedYear>
  );
}

function Forecast() {
  const { yearId } = useSession();
  const scope = useScopeJournals();
  const [classId, setClassId] = useState<number | null>(null);
  const [subjectId, setSubjectId] = useState<number | null>(null);
  const [period, setPeriod] = useState<PeriodChoice>(null);
  useEffect(() => {
    if (classId === null && scope.classes.length) setClassId(scope.classes[0].value);
  }, [classId, scope.classes]);
  const q = useQuery('forecast.report', yearId && classId ? { yearId, classId, subjectId, period } : null);
  const r = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <ClassPicker
          classes={scope.classes}
          value={classId}
          onChange={(id) => {
            setClassId(id);
            setSubjectId(null);
          }}
        />
        <Select<number>
          aria-label="Предмет"
          style={{ width: 220 }}
          value={subjectId ?? 0}
          onChange={(v) => setSubjectId(v === 0 ? null : v)}
          options={[{ value: 0, label: 'Все предметы' }, ...scope.subjectsOf(classId)]}
        />
        <PeriodPicker value={period} onChange={setPeriod} />
      </Space>
      {(q.error ?? scope.error) && <Alert type="error" showIcon title={q.error ?? scope.error} />}
      {scope.loaded && scope.classes.length === 0 && <Alert type="info" showIcon title="Нет классов, которые вы ведёте." />}
      {r && (
        <>
          <Typography.Text type="secondary">
            {r.className}, {r.periodName}, {r.yearName} учебный год: прогноз по отметкам по {ruDate(r.asOf)} включительно.
          </Typography.Text>
          {r.subjects.length === 0 && <Alert type="info" title="В этом периоде у класса ещё нет уроков." />}
          {r.subjects.map((s) => (
            <SubjectCard key={s.subjectId} s={s} />
          ))}
          <Card size="small" title="Как составлен прогноз">
            {r.explanation.map((e) => (
              <Typography.Paragraph key={e} style={{ marginBottom: 6 }}>
                {e}
              </Typography.Paragraph>
            ))}
          </Card>
        </>
      )}
    </Space>
  );
}

function SubjectCard({ s }: { s: SubjectForecast }) {
  return (
    <Card
      size="small"
      title={s.subject}
      extra={
        <span data-testid="forecast-class-rates">
          Прогноз по классу: успеваемость {pct(s.projected.success)}, качество {pct(s.projected.quality)}; уроков проведено {s.lessonsHeld},
          осталось {s.lessonsLeft}
        </span>
      }
    >
      <Table<StudentForecast>
        size="small"
        rowKey="studentId"
        pagination={false}
        dataSource={s.students}
        columns={[
          { title: 'Ученик', dataIndex: 'student', width: 200 },
          { title: 'Отметки', dataIndex: 'marks', render: (m: string[]) => (m.length ? m.join(' ') : '—') },
          { title: 'Средний балл', dataIndex: 'average', width: 110, align: 'right', render: (a: number | null) => num(a) },
          { title: 'Прогноз', dataIndex: 'projected', width: 90, align: 'center', render: (p: string | null) => (p ? <b>{p}</b> : '—') },
          {
            title: 'Надёжность',
            dataIndex: 'certainty',
            width: 110,
            render: (c: Certainty | null) => (c ? <Tag color={CERTAINTY_COLORS[c]}>{CERTAINTY_NAMES[c]}</Tag> : '—'),
          },
          { title: 'Ожидается ещё', dataIndex: 'expectedMore', width: 120, align: 'right' },
          { title: 'Запас', dataIndex: 'margin', width: 80, align: 'right', render: (m: number | null) => num(m) },
          { title: 'Сдвиг', dataIndex: 'shift', width: 80, align: 'right', render: (x: number) => num(x) },
        ]}
      />
    </Card>
  );
}
