import { Alert, Card, Table, Typography } from 'antd';
import { countOf } from '../../main/contract/rules/plural';
import { ruDate } from '../components/DateField';
import { useQuery } from '../hooks';
import { useSession } from '../session';

// What the home screen reminds of about students' data and parents (seed 000 homeroom §7; seed 004 §3.3–3.4): the
// homeroom teacher's monthly check of the class's personal data, and the list of students whose parents refused any
// information, for the social pedagogue, the administration and the class's homeroom teacher.

const STUDENTS = ['ученик', 'ученика', 'учеников'] as const;

/** «Персональные данные 5А не проверены в декабре 2026 г.: 12 учеников из 25.» for each class the user leads. */
export function CheckReminders() {
  const { can } = useSession();
  const q = useQuery('students.checkReminders', can('students.read') ? {} : null);
  return (
    // data-loaded: the reminders have been asked for (so an empty list means «nothing to remind of»)
    <div data-testid="check-reminders" data-loaded={q.data ? 'yes' : 'no'} style={{ display: 'contents' }}>
      {(q.data ?? [])
        .filter((r) => r.unchecked > 0)
        .map((r) => (
          <Alert
            key={r.classId}
            type="info"
            showIcon
            data-testid="personal-data-reminder"
            title={`Персональные данные ${r.className} класса не проверены ${r.month}: ${countOf(r.unchecked, STUDENTS)} из ${r.total}.`}
            description="Проверьте сведения об учениках и родителях и отметьте проверку: «Класс: сводка и посещаемость» → «Персональные данные». Изменения по заявлению родителей вносятся не позднее 3 дней."
          />
        ))}
    </div>
  );
}

/** Students whose parents refused any information: shown to whoever main lets see them. */
export function RefusalsPanel() {
  const { me } = useSession();
  const pedagogue = useQuery('notices.socialPedagogue', {});
  const admin = me.roles.some((r) => r === 'deputy' || r === 'director');
  const mayAsk =
    pedagogue.data !== null && (admin || me.roles.includes('homeroom') || (me.staffId !== null && me.staffId === pedagogue.data.staffId));
  const q = useQuery('notices.refusals', mayAsk ? {} : null);
  const list = q.data;
  if (!list) return null;
  if (!list.rows.length && !(admin && !list.socialPedagogue)) return null;
  return (
    <Card size="small" title="Отказ родителей от получения сведений об успеваемости и посещаемости">
      {!list.socialPedagogue && (
        <Alert type="warning" showIcon title="Социальный педагог не назначен: укажите его в разделе «Сотрудники»." />
      )}
      {list.rows.length > 0 && (
        <>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            Классный руководитель сообщает об отказе заместителю директора и социальному педагогу
            {list.socialPedagogue ? ` (${list.socialPedagogue})` : ''} в письменном виде; социальный педагог незамедлительно организует
            работу.
          </Typography.Paragraph>
          <Table
            rowKey="studentId"
            size="small"
            pagination={false}
            dataSource={list.rows}
            aria-label="Отказы родителей от сведений"
            columns={[
              { title: 'Класс', dataIndex: 'className', width: 80 },
              { title: 'Ученик', dataIndex: 'name' },
              { title: 'Родитель', dataIndex: 'guardians', render: (g: string[]) => g.join(', ') },
              { title: 'С', dataIndex: 'since', render: ruDate, width: 110 },
              { title: 'Заявление', dataIndex: 'documents', render: (d: string[]) => d.join(', ') || '—' },
            ]}
          />
        </>
      )}
    </Card>
  );
}
