import { Alert, Button, Card, DatePicker, Empty, Form, Input, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { LookupResult, LookupStudent, LookupYear } from '../../../main/contract/lookup';
import { countOf } from '../../../main/contract/rules/plural';
import { call } from '../../api';
import { useMutation } from '../../hooks';
import { downloadBase64 } from '../timetable/common';

// The 25-year look-up (issue 14 part 5) for office staff, deputies and the director: a former student found by part
// of the name (case and «ё» do not matter), birth date or personal-file number, with the final marks of every closed
// year exactly as the summary ledgers show them, and the certified extract from the ledgers as a PDF.

const ru = (iso: string) => iso.split('-').reverse().join('.');
const STUDENTS = ['ученик', 'ученика', 'учеников'] as const;

function classTitle(y: LookupYear): string {
  const letter = y.className.replace(/^\d+/, '');
  return letter ? `${y.grade} «${letter}»` : String(y.grade);
}

function YearTable({ y }: { y: LookupYear }) {
  return (
    <div data-testid="lookup-year">
      <Typography.Text strong>
        {y.yearName} учебный год, {classTitle(y)} класс
      </Typography.Text>
      {!y.toYearEnd && (
        <Typography.Text type="secondary">
          {' '}
          (в классе с {ru(y.from)} по {ru(y.to)})
        </Typography.Text>
      )}
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        style={{ marginTop: 4, marginBottom: 12 }}
        locale={{ emptyText: 'Итоговых отметок в ведомости нет' }}
        dataSource={y.subjects}
        columns={[
          { title: 'Учебный предмет', dataIndex: 'name' },
          ...y.columns.map((c) => ({
            title: c.label,
            key: c.key,
            align: 'center' as const,
            width: 64,
            render: (_: unknown, s: LookupYear['subjects'][number]) =>
              c.key === 'final' ? <b>{s.marks[c.key] ?? ''}</b> : (s.marks[c.key] ?? ''),
          })),
        ]}
      />
    </div>
  );
}

function StudentCard({ s }: { s: LookupStudent }) {
  const mutate = useMutation();
  const [busy, setBusy] = useState(false);
  const name = [s.lastName, s.firstName, s.middleName].filter(Boolean).join(' ');
  const extract = async () => {
    setBusy(true);
    try {
      const r = await mutate('lookup.extractFile', { studentId: s.id }, 'Выписка из ведомостей готова');
      if (r) downloadBase64(r.name, r.base64, r.mime);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      size="small"
      data-testid="lookup-student"
      title={
        <span>
          {name}, {ru(s.birthDate)}
          <Typography.Text type="secondary"> · личное дело {s.personalFileNo || '—'}</Typography.Text>
        </span>
      }
      extra={
        <Button onClick={() => void extract()} loading={busy} disabled={!s.years.length}>
          Выписка из ведомостей (PDF)
        </Button>
      }
    >
      {s.years.length ? (
        s.years.map((y) => <YearTable key={`${y.yearId}:${y.classId}`} y={y} />)
      ) : (
        <Typography.Text type="secondary">В сводных ведомостях закрытых учебных лет не значится.</Typography.Text>
      )}
    </Card>
  );
}

export function LookupScreen() {
  const [name, setName] = useState('');
  const [birth, setBirth] = useState<Dayjs | null>(null);
  const [fileNo, setFileNo] = useState('');
  const [result, setResult] = useState<LookupResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const search = async () => {
    setLoading(true);
    try {
      setResult(
        await call('lookup.search', {
          name: name.trim() || undefined,
          birthDate: birth ? birth.format('YYYY-MM-DD') : undefined,
          fileNo: fileNo.trim() || undefined,
        }),
      );
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4}>Поиск в архиве успеваемости</Typography.Title>
      <Typography.Paragraph type="secondary">
        Итоговые отметки бывшего ученика за все закрытые учебные годы — так, как они записаны в сводных ведомостях (срок хранения 25 лет).
        Искать можно по части фамилии, имени и отчества (регистр и «ё» не важны), по дате рождения, по номеру личного дела. Выписка из
        ведомостей печатается для дубликата аттестата и заверяется подписью директора и печатью.
      </Typography.Paragraph>
      <Form layout="inline" onFinish={() => void search()}>
        <Form.Item label="ФИО">
          <Input
            aria-label="Фамилия, имя, отчество"
            placeholder="Фамилия Имя"
            style={{ width: 260 }}
            value={name}
            onChange={(e) => setName(e.target.value)}
            allowClear
          />
        </Form.Item>
        <Form.Item label="Дата рождения">
          <DatePicker aria-label="Дата рождения" format="DD.MM.YYYY" value={birth} onChange={setBirth} />
        </Form.Item>
        <Form.Item label="Личное дело">
          <Input
            aria-label="Номер личного дела"
            style={{ width: 120 }}
            value={fileNo}
            onChange={(e) => setFileNo(e.target.value)}
            allowClear
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={loading}>
            Найти
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
      {result && (
        <Typography.Text data-testid="lookup-summary">
          Найдено: {countOf(result.students.length, STUDENTS)}
          {result.more ? ' (показаны первые; уточните запрос)' : ''} · {String(result.ms).replace('.', ',')} мс
        </Typography.Text>
      )}
      {result && !result.students.length && <Empty description="Никого не найдено" />}
      {result?.students.map((s) => (
        <StudentCard key={s.id} s={s} />
      ))}
    </Space>
  );
}
