import { Alert, Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { ruNumber } from '../../main/contract/rules/numbers';
import { useQuery } from '../hooks';
import { useSession } from '../session';
import { CheckReminders, RefusalsPanel } from './ParentDuties';
import { RemarksReminder } from './journal/RemarksScreen';
import { AttentionPanel } from './control/AttentionPanel';

const LABELS: Record<string, string> = {
  students: 'Учеников',
  classes: 'Классов',
  staff: 'Сотрудников',
  subjects: 'Предметов',
  periods: 'Учебных периодов',
  holidays: 'Каникул и праздников',
  lessons: 'Уроков',
  marks: 'Отметок',
  absences: 'Пропусков',
};

export function HomeScreen() {
  const { me, can } = useSession();
  const stats = useQuery('stats.get', {});
  // The administrator sees at once when the last verified backup is too old or the school's drive was missing.
  const backup = useQuery('backup.status', can('backup.manage') ? {} : null);
  // …and when the audit log lost rows or was rewritten since the program last saw it.
  const audit = useQuery('audit.warning', can('audit.read') ? {} : null);
  // …and when the scheduled re-check found a year's archive package changed.
  const archive = useQuery('archive.checks', can('audit.read') ? {} : null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph>
        {me.name}: {me.roles.map((r) => me.roleNames[r] ?? r).join(', ')}.
      </Typography.Paragraph>
      {audit.data?.warning && <Alert type="error" showIcon title={`Журнал аудита: ${audit.data.warning}`} />}
      {archive.data?.warnings.map((w) => (
        <Alert key={w} type="error" showIcon title={`Архив: ${w}`} />
      ))}
      {backup.data?.warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={`Резервные копии: ${w}`} />
      ))}
      <AttentionPanel />
      <CheckReminders />
      <RefusalsPanel />
      <RemarksReminder />
      <Row gutter={[16, 16]}>
        {Object.entries(LABELS).map(([k, label]) => (
          <Col key={k} xs={12} md={8} xl={4}>
            <Card>
              <Statistic
                title={label}
                value={(stats.data as Record<string, number> | null)?.[k] ?? '—'}
                formatter={(v) => (typeof v === 'number' ? ruNumber(v) : v)}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </Space>
  );
}
