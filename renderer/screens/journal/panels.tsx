import { Alert, AutoComplete, Button, Card, Descriptions, Empty, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { Cell, GridLesson, GridStudent, JournalGrid } from '../../../main/contract/journal-outputs';
import { useMutation, useQuery } from '../../hooks';
import { ruDate, ruTime } from './common';
import type { CellStatus } from './useCellSaver';

// Beside the grid: the selected lesson (date, topic from the thematic plan, homework, kinds of work) and the selected
// cell (its marks with their work types, the comment, the history of changes).

const STATUS_NAMES: Record<GridLesson['status'], string> = { held: 'проводится', cancelled: 'отменён', moved: 'перенесён' };

export function LessonPanel(props: { lesson: GridLesson; canEdit: boolean; onSaved(l: GridLesson): void }) {
  const l = props.lesson;
  const mutate = useMutation();
  const topics = useQuery('journal.planTopics', { lessonId: l.id });
  const [topic, setTopic] = useState(l.topic);
  const [planTopicId, setPlanTopicId] = useState<number | null>(l.planTopicId);
  const [homework, setHomework] = useState(l.homework);
  const [workKind, setWorkKind] = useState(l.workKind);
  const [busy, setBusy] = useState(false);
  const dirty = topic !== l.topic || homework !== l.homework || workKind !== l.workKind || planTopicId !== l.planTopicId;
  const topicOptions = useMemo(
    () =>
      (topics.data ?? []).map((t) => ({
        value: `${t.id}`,
        label: (
          <span style={{ color: t.used && t.id !== l.planTopicId ? '#999' : undefined }}>
            {t.position}. {t.title}
            {t.used && t.id !== l.planTopicId ? ' (уже был)' : ''}
          </span>
        ),
        title: t.title,
      })),
    [topics.data, l.planTopicId],
  );
  const readOnly = !props.canEdit || l.status !== 'held';
  const save = async () => {
    setBusy(true);
    try {
      const r = await mutate(
        'journal.saveLesson',
        { lessonId: l.id, topic: topic.trim(), homework: homework.trim(), workKind: workKind.trim(), planTopicId },
        'Урок сохранён',
      );
      if (r) props.onSaved(r);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={`Урок ${ruDate(l.date)}, ${l.lessonNumber}-й`} data-testid="lesson-panel">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="Учитель">{l.teacher}</Descriptions.Item>
          {l.substitute && (
            <Descriptions.Item label="Замена">
              <Tag color="blue">{l.substitute}</Tag>
            </Descriptions.Item>
          )}
          {l.status !== 'held' && (
            <Descriptions.Item label="Урок">
              <Tag color="red">{STATUS_NAMES[l.status]}</Tag>
            </Descriptions.Item>
          )}
        </Descriptions>
        {l.warnings.length > 0 && <Alert type="warning" showIcon title={l.warnings.join('; ')} />}
        <label>
          <Typography.Text type="secondary">Тема урока</Typography.Text>
          <AutoComplete
            aria-label="Тема урока"
            style={{ width: '100%' }}
            disabled={readOnly}
            value={topic}
            options={topicOptions}
            placeholder={topicOptions.length ? 'Введите или выберите из КТП' : 'Введите тему'}
            onChange={(v) => {
              setTopic(v);
              if (planTopicId !== null && !(topics.data ?? []).some((t) => t.id === planTopicId && t.title === v)) setPlanTopicId(null);
            }}
            onSelect={(v: string) => {
              const t = (topics.data ?? []).find((x) => `${x.id}` === v);
              if (!t) return;
              setTopic(t.title);
              setPlanTopicId(t.id);
              if (!homework.trim() && t.homework) setHomework(t.homework);
            }}
          />
        </label>
        <label>
          <Typography.Text type="secondary">Домашнее задание</Typography.Text>
          <Input.TextArea
            aria-label="Домашнее задание"
            disabled={readOnly}
            rows={2}
            maxLength={1000}
            value={homework}
            onChange={(e) => setHomework(e.target.value)}
          />
        </label>
        <label>
          <Typography.Text type="secondary">Виды работ на уроке</Typography.Text>
          <Input
            aria-label="Виды работ"
            disabled={readOnly}
            maxLength={200}
            value={workKind}
            placeholder="например: самостоятельная работа, устный опрос"
            onChange={(e) => setWorkKind(e.target.value)}
          />
        </label>
        {!readOnly && (
          <Button type="primary" disabled={!dirty} loading={busy} onClick={save}>
            Сохранить урок
          </Button>
        )}
      </Space>
    </Card>
  );
}

export function CellPanel(props: {
  grid: JournalGrid;
  lesson: GridLesson;
  student: GridStudent;
  cell: Cell | null;
  status: CellStatus | undefined;
  closed: string | null;
  onSave(input: { text: string; workTypeIds?: number[]; comment?: string }): Promise<boolean>;
}) {
  const { grid, cell } = props;
  const history = useQuery('journal.cellHistory', { lessonId: props.lesson.id, studentId: props.student.id }, [
    cell?.text,
    cell?.comment,
    JSON.stringify(cell?.marks),
  ]);
  const [workTypes, setWorkTypes] = useState<number[]>(cell?.marks.map((m) => m.workTypeId) ?? []);
  const [comment, setComment] = useState(cell?.comment ?? '');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setWorkTypes(cell?.marks.map((m) => m.workTypeId) ?? []);
    setComment(cell?.comment ?? '');
  }, [cell]);
  const editable = grid.canEdit && !props.closed;
  const dirty = comment !== (cell?.comment ?? '') || workTypes.some((w, i) => w !== cell?.marks[i]?.workTypeId);
  const stateText =
    props.status?.state === 'saving'
      ? 'сохраняется…'
      : props.status?.state === 'saved'
        ? 'сохранено'
        : props.status?.state === 'failed'
          ? 'не сохранено'
          : null;
  return (
    <Card
      size="small"
      data-testid="cell-panel"
      title={`${props.student.name}, ${ruDate(props.lesson.date)}`}
      extra={
        stateText && (
          <Tag color={props.status?.state === 'failed' ? 'red' : props.status?.state === 'saving' ? 'gold' : 'green'}>{stateText}</Tag>
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {props.closed && <Typography.Text type="secondary">Клетка закрыта: {props.closed}</Typography.Text>}
        {props.status?.state === 'failed' && <Alert type="error" showIcon title={props.status.message} />}
        <div>
          <Typography.Text type="secondary">В журнале: </Typography.Text>
          <b data-testid="cell-panel-text">{cell?.text || '—'}</b>
          {cell?.absence && (
            <Typography.Text type="secondary">
              {' '}
              ({grid.absenceCodes.find((a) => a.code === cell.absence)?.name ?? cell.absence})
            </Typography.Text>
          )}
        </div>
        {cell?.marks.map((m, i) => (
          <Space key={i}>
            <Typography.Text>
              Отметка <b>{m.value}</b>:
            </Typography.Text>
            <Select
              aria-label={`Вид работы для отметки ${i + 1}`}
              size="small"
              style={{ width: 200 }}
              disabled={!editable}
              value={workTypes[i] ?? m.workTypeId}
              onChange={(v) => setWorkTypes((prev) => Object.assign([...cell.marks.map((x, k) => prev[k] ?? x.workTypeId)], { [i]: v }))}
              options={grid.workTypes.map((w) => ({ value: w.id, label: grid.rules.useWeights ? `${w.name} (вес ${w.weight})` : w.name }))}
            />
          </Space>
        ))}
        <label>
          <Typography.Text type="secondary">Комментарий (особая отметка)</Typography.Text>
          <Input.TextArea
            aria-label="Комментарий к клетке"
            rows={2}
            maxLength={300}
            disabled={!editable || !cell}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </label>
        {editable && cell && (
          <Button
            disabled={!dirty}
            loading={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await props.onSave({ text: cell.text, workTypeIds: cell.marks.map((m, i) => workTypes[i] ?? m.workTypeId), comment });
              } finally {
                setBusy(false);
              }
            }}
          >
            Сохранить вид работы и комментарий
          </Button>
        )}
        <Typography.Text type="secondary">История изменений</Typography.Text>
        {history.error && <Alert type="error" title={history.error} />}
        {(history.data ?? []).length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Изменений нет" />
        ) : (
          <List
            size="small"
            data-testid="cell-history"
            dataSource={[...(history.data ?? [])].reverse()}
            renderItem={(h) => (
              <List.Item style={{ padding: '4px 0' }}>
                <Typography.Text style={{ fontSize: 12 }}>
                  {ruTime(h.at)} · {h.actor}: {h.before || '—'} → <b>{h.after || '—'}</b>
                </Typography.Text>
              </List.Item>
            )}
          />
        )}
      </Space>
    </Card>
  );
}
