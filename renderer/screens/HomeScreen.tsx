import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useQuery } from '../hooks';
import { useSession } from '../session';

const LABELS: Record<string, string> = {
  students: 'Учеников',
  classes: 'Классов',
  staff: 'Сотрудников',
  subjects: 'Предметов',
  periods: 'Учебных периодов',
  holidays: 'Каникул и праздников',
};

export function HomeScreen() {
  const { me } = useSession();
  const stats = useQuery('stats.get', {});
  return (
    <>
      <Typography.Paragraph>
        {me.name}: {me.roles.map((r) => me.roleNames[r] ?? r).join(', ')}.
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {Object.entries(LABELS).map(([k, label]) => (
          <Col key={k} xs={12} md={8} xl={4}>
            <Card>
              <Statistic title={label} value={(stats.data as Record<string, number> | null)?.[k] ?? '—'} />
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
