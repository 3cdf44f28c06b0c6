import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import { countOf } from '../../../main/contract/rules/plural';
import { ruDate } from '../../components/DateField';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';

// Seed 000 (homeroom §7): the homeroom teacher checks the class's personal data at least once a month. Each student's
// latest «проверено» date and who checked; the ones not checked this month (the school's clock) are marked.

const STUDENTS = ['ученик', 'ученика', 'учеников'] as const;

export function PersonalChecksPanel({ classId }: { classId: number }) {
  const { can } = useSession();
  const q = useQuery('students.checks', { classId });
  const mutate = useMutation();
  const v = q.data;
  const mark = async (studentIds?: number[]) => {
    if ((await mutate('students.markChecked', { classId, studentIds }, 'Проверка отмечена')) !== undefined) await q.reload();
  };
  if (q.error) return <Alert type="error" showIcon title={q.error} />;
  if (!v) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text data-testid="checks-summary">
          {v.unchecked
            ? `Не проверены ${v.month}: ${countOf(v.unchecked, STUDENTS)} из ${v.rows.length}.`
            : `Данные всех учеников проверены ${v.month}.`}{' '}
          Изменения по заявлению родителей вносятся не позднее 3 дней после его получения.
        </Typography.Text>
        {can('students.write') && (
          <Button type="primary" onClick={() => void mark()}>
            Данные всего класса проверены
          </Button>
        )}
      </Space>
      <Table
        rowKey="studentId"
        size="small"
        pagination={false}
        loading={q.loading}
        dataSource={v.rows}
        aria-label="Проверка персональных данных"
        columns={[
          { title: 'Ученик', dataIndex: 'name' },
          {
            title: 'Проверено',
            key: 'on',
            render: (_, r) =>
              r.checkedThisMonth ? (
                <Tag color="green">{ruDate(r.checkedOn)}</Tag>
              ) : (
                <Tag color="orange">{r.checkedOn ? `${ruDate(r.checkedOn)} — не в этом месяце` : 'не проверялись'}</Tag>
              ),
          },
          { title: 'Кто проверил', dataIndex: 'checkedBy', render: (b: string | null) => b ?? '—' },
          ...(can('students.write')
            ? [
                {
                  title: '',
                  key: 'act',
                  render: (_: unknown, r: (typeof v.rows)[number]) => (
                    <Button size="small" aria-label={`Проверено: ${r.name}`} onClick={() => void mark([r.studentId])}>
                      Проверено
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
