import { Alert, Input, Modal, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { GridLesson, GridStudent, JournalGrid } from '../../../main/contract/journal-outputs';
import type { RemarkRow } from '../../../main/contract/journal-remarks';
import { DateField } from '../../components/DateField';
import { useMutation, useQuery } from '../../hooks';
import { ruDate } from './common';

// The deputy's remark on the journal being viewed (issue 12 part 9): on the whole journal of the subject (or group),
// on the selected lesson, on the selected cell, or on the whole class. The context is the journal screen's own: the
// class, subject and group shown, the lesson and student of the selected cell.

type Target = 'journal' | 'lesson' | 'cell' | 'class';

export function RemarkDialog(props: {
  open: boolean;
  grid: JournalGrid;
  lesson: GridLesson | null;
  student: GridStudent | null;
  onClose(saved: RemarkRow | null): void;
}) {
  const { grid, lesson, student } = props;
  const mutate = useMutation();
  const [target, setTarget] = useState<Target>('cell');
  const [text, setText] = useState('');
  const [dueDate, setDueDate] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!props.open) return;
    setTarget(lesson && student ? 'cell' : lesson ? 'lesson' : 'journal');
    setText('');
    setDueDate(null);
    setError(null);
  }, [props.open, lesson, student]);
  const journalName = `${grid.className} · ${grid.subjectName}${grid.groupName ? ` (${grid.groupName})` : ''}`;
  const lessonName = lesson ? `урок ${ruDate(lesson.date)} (${lesson.lessonNumber}-й)` : '';
  return (
    <Modal
      open={props.open}
      title="Замечание по ведению журнала"
      okText="Записать замечание"
      cancelText="Отмена"
      confirmLoading={busy}
      onCancel={() => props.onClose(null)}
      onOk={async () => {
        setBusy(true);
        try {
          const input = {
            classId: grid.classId,
            subjectId: target === 'class' ? null : grid.subjectId,
            groupId: target === 'class' ? null : grid.groupId,
            lessonId: target === 'lesson' || target === 'cell' ? (lesson?.id ?? null) : null,
            studentId: target === 'cell' ? (student?.id ?? null) : null,
            text,
            dueDate,
          };
          const r = await mutate('remarks.write', input, 'Замечание записано: учитель увидит его в списке замечаний', setError);
          if (r) props.onClose(r);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          Замечание увидит учитель, ведущий этот журнал (замечание по всему классу — классный руководитель); он ответит на него, а вы
          отметите исправление. Замечания печатаются на странице «Замечания по ведению журнала».
        </Typography.Text>
        <Radio.Group
          aria-label="К чему относится замечание"
          value={target}
          onChange={(e) => setTarget(e.target.value as Target)}
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          options={[
            ...(lesson && student ? [{ value: 'cell', label: `Клетка: ${student.name}, ${lessonName}` }] : []),
            ...(lesson ? [{ value: 'lesson', label: `Урок: ${journalName}, ${lessonName}` }] : []),
            { value: 'journal', label: `Журнал предмета: ${journalName}` },
            { value: 'class', label: `Весь журнал класса ${grid.className}` },
          ]}
        />
        <Input.TextArea
          aria-label="Текст замечания"
          placeholder="Например: не записана тема урока, отметки выставлены позже срока"
          rows={4}
          maxLength={1000}
          showCount
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Space>
          <Typography.Text>Срок исправления:</Typography.Text>
          <DateField aria-label="Срок исправления" value={dueDate} onChange={setDueDate} placeholder="не указан" />
        </Space>
        {error && <Alert type="error" showIcon title={error} data-testid="remark-error" />}
      </Space>
    </Modal>
  );
}

/** «Замечания: 2» beside the journal's buttons: the remarks on this journal (and on the whole class) not yet fixed. */
export function JournalRemarksNote(props: { grid: JournalGrid; refresh: number }) {
  const { grid } = props;
  const list = useQuery('remarks.list', { yearId: grid.yearId, classId: grid.classId }, [props.refresh]);
  const open = (list.data?.rows ?? []).filter(
    (r) =>
      r.state !== 'fixed' &&
      (r.subjectId === null || (r.subjectId === grid.subjectId && (r.groupId === null || r.groupId === grid.groupId))),
  );
  if (!open.length) return null;
  return (
    <Typography.Link href="#/remarks" data-testid="journal-remarks" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
      Замечания по журналу: {open.length}
    </Typography.Link>
  );
}
