import { Alert, Button, Empty, Space, Spin, Typography } from 'antd';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import type { GridLesson, JournalGrid, StudentFinal } from '../../../main/contract/journal-outputs';
import { periodFigures } from '../../../main/contract/rules/final-rules';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';
import { NeedYear } from '../timetable/common';
import {
  activeOn,
  dayMonth,
  FinalsDialog,
  JournalPicker,
  MONTHS_SHORT,
  monthOf,
  num,
  ruDate,
  ruTime,
  UnlockDialog,
  useJournalPick,
  PeriodSelect,
  usePeriodChoice,
} from './common';
import { editCommitKey, KEEP_TEXT, selectionKey, step, type Pos } from './grid-keys';
import { CellPanel, LessonPanel } from './panels';
import { JournalRemarksNote, RemarkDialog } from './RemarkDialog';
import { parseClipboardBlock, placeBlock } from './paste';
import { cellKey, useCellSaver, type CellStatus } from './useCellSaver';
import { takeJournalFocus } from './focus';
import { OtherJournalImport } from './OtherJournalImport';

// The class journal of one class × subject (or group) × period, typed into like a spreadsheet. Every change is saved
// at once by main, which checks it; the grid shows what the database holds and the state of each save.

export function JournalScreen() {
  return (
    <NeedYear>
      <Journal />
    </NeedYear>
  );
}

/** Seed 004 §3.3: the subject teacher knows whose parents are informed through the paper diary. */
const PAPER_TITLE = 'Родители выбрали бумажную форму';

const CSS = `
.jg-wrap { overflow: auto; min-height: 200px; border: 1px solid #d9dde5; outline: none; position: relative; }
.jg-wrap:focus-visible { box-shadow: 0 0 0 2px #91caff; }
.jg { border-collapse: separate; border-spacing: 0; font-size: 13px; line-height: 16px; }
.jg th, .jg td { border-right: 1px solid #e3e6ec; border-bottom: 1px solid #e3e6ec; padding: 0; text-align: center; height: 22px; }
.jg thead th { position: sticky; background: #f5f7fa; z-index: 2; font-weight: 500; }
.jg thead tr.jg-months th { top: 0; height: 18px; font-size: 11px; color: #556; }
.jg thead tr.jg-days th { top: 18px; cursor: pointer; min-width: 28px; font-size: 12px; height: 30px; vertical-align: top; }
.jg thead th.jg-lesson-selected { background: #dbeafe; }
.jg .jg-name { position: sticky; left: 0; z-index: 1; background: #fff; text-align: left; padding: 0 8px; white-space: nowrap; min-width: 150px; max-width: 190px; overflow: hidden; text-overflow: ellipsis; }
.jg .jg-num { position: sticky; left: 0; }
.jg thead th.jg-name { z-index: 3; background: #f5f7fa; }
.jg .jg-paper { margin-left: 4px; padding: 0 4px; border: 1px solid #d46b08; border-radius: 3px; color: #d46b08; font-size: 11px; cursor: help; }
.jg td.jg-cell { min-width: 28px; max-width: 48px; cursor: cell; position: relative; white-space: nowrap; }
.jg td.jg-cell[data-state="closed"] { background: #eceef1; cursor: not-allowed; color: #99a; }
.jg td.jg-cell.jg-cancelled { background: repeating-linear-gradient(45deg, #f3f3f3, #f3f3f3 4px, #e6e6e6 4px, #e6e6e6 8px); }
.jg td.jg-cell[data-state="saving"] { background: #fffbe6; }
.jg td.jg-cell[data-state="failed"] { background: #fff1f0; box-shadow: inset 0 0 0 2px #ff4d4f; }
.jg td.jg-cell.jg-sel { box-shadow: inset 0 0 0 2px #1677ff; }
.jg td.jg-cell.jg-sel[data-state="failed"] { box-shadow: inset 0 0 0 2px #ff4d4f, inset 0 0 0 4px #1677ff; }
.jg td.jg-cell.jg-col { background-color: #f4f8ff; }
.jg .jg-dot { position: absolute; right: 2px; top: 2px; width: 5px; height: 5px; border-radius: 50%; }
.jg [data-state="saved"] .jg-dot { background: #52c41a; }
.jg [data-state="saving"] .jg-dot { background: #faad14; }
.jg [data-state="failed"] .jg-dot { background: #ff4d4f; }
.jg .jg-comment { position: absolute; left: 0; top: 0; border-top: 6px solid #722ed1; border-right: 6px solid transparent; }
.jg td.jg-cell input { width: 100%; height: 20px; border: 0; outline: 2px solid #1677ff; text-align: center; font: inherit; padding: 0; }
.jg .jg-absent { color: #cf1322; font-weight: 500; }
.jg td.jg-final, .jg th.jg-final { min-width: 52px; background: #fafbfd; font-size: 12px; }
.jg td.jg-avg, .jg th.jg-avg { min-width: 40px; color: #556; font-size: 12px; }
/* The side panels sit right of the grid on a wide screen and under it on a laptop, so the grid keeps a month of lessons. */
.jg-layout { display: flex; gap: 12px; align-items: flex-start; flex-wrap: wrap; }
.jg-main { flex: 1 1 900px; min-width: 0; }
.jg-side { flex: 0 0 340px; display: flex; flex-direction: column; gap: 12px; }
@media (max-width: 1700px) { .jg-side { flex: 1 1 100%; flex-direction: row; align-items: flex-start; } .jg-side > * { flex: 1 1 0; min-width: 0; } }
.jg .jg-suggested { color: #8c8c8c; font-style: italic; }
.jg .jg-warn { color: #d46b08; margin-left: 2px; }
.jg thead th .jg-status { display: block; font-size: 10px; color: #cf1322; line-height: 10px; }
.jg thead th .jg-warn-mark { display: block; font-size: 10px; color: #d48806; line-height: 10px; }
.jg thead th .jg-sub { display: block; font-size: 10px; color: #1677ff; line-height: 10px; }
`;

type EditState = { pos: Pos; text: string; byTyping: boolean };

function lessonTitle(l: GridLesson): string {
  return [
    `${ruDate(l.date)}, ${l.lessonNumber}-й урок`,
    l.status === 'cancelled' ? 'Урок отменён' : l.status === 'moved' ? 'Урок перенесён на другую дату' : null,
    l.topic ? `Тема: ${l.topic}` : 'Тема не записана',
    `Учитель: ${l.teacher}`,
    l.substitute ? `Замена: ${l.substitute}` : null,
    ...l.warnings,
  ]
    .filter(Boolean)
    .join('\n');
}

const KEYS_HINT =
  'Стрелки, Tab — переход; 5, н, 4/5 — ввод; Enter — сохранить и вниз; Delete — очистить; Esc — отмена; Ctrl+V — вставка блока из Excel.';

const STATE_TITLES: Record<string, string> = { saving: 'Сохраняется…', saved: 'Сохранено' };

function Journal() {
  const { yearId } = useSession();
  const pick = useJournalPick(yearId);
  const period = usePeriodChoice();
  const { periodId, follow } = period;
  const j = pick.current;
  const gridQuery = useQuery('journal.grid', j ? { classId: j.classId, subjectId: j.subjectId, groupId: j.groupId, periodId } : null);
  const grid = gridQuery.data;
  const [lessonEdits, setLessonEdits] = useState<Record<number, GridLesson>>({});
  const saver = useCellSaver(grid);
  const { reset } = saver;
  useEffect(() => {
    reset(grid ?? null);
    setLessonEdits({});
  }, [grid, reset]);
  useEffect(() => follow(grid), [grid, follow]);

  if (pick.error) return <Alert type="error" showIcon title={pick.error} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <style>{CSS}</style>
        <JournalPicker
          journals={pick.journals}
          current={j}
          loading={pick.loading}
          onChange={(k) => {
            pick.setKey(k);
            period.reset();
          }}
        />
        {grid && <PeriodSelect periods={grid.periods} value={grid.period.id} onChange={(id) => period.choose(id, grid.periods)} />}
        {grid && <Typography.Text type="secondary">Учитель: {grid.teacher}</Typography.Text>}
        {gridQuery.loading && <Spin size="small" />}
      </Space>
      {!j && !pick.loading && <Empty description="Нет журналов, доступных вам в этом учебном году" />}
      {gridQuery.error && <Alert type="error" showIcon title={gridQuery.error} />}
      {grid && (
        <Grid
          key={`${grid.classId}:${grid.subjectId}:${grid.groupId}:${grid.period.id}`}
          grid={grid}
          saver={saver}
          lessons={grid.lessons.map((l) => lessonEdits[l.id] ?? l)}
          onLessonSaved={(l) => setLessonEdits((prev) => ({ ...prev, [l.id]: l }))}
          reload={gridQuery.reload}
        />
      )}
    </Space>
  );
}

function Grid(props: {
  grid: JournalGrid;
  saver: ReturnType<typeof useCellSaver>;
  lessons: GridLesson[];
  onLessonSaved(l: GridLesson): void;
  reload(): Promise<void>;
}) {
  const { grid, saver, lessons } = props;
  const { students } = grid;
  const paper = useMemo(() => new Set(grid.paperChoice), [grid.paperChoice]);
  const mutate = useMutation();
  const { me } = useSession();
  // Opened from another screen at a cell (the weekly control): that cell is selected and the grid takes the focus.
  const [target] = useState(() => takeJournalFocus(me.userId, grid, lessons));
  const [sel, setSel] = useState<Pos>(target ?? { row: 0, col: Math.max(0, lastHeldIndex(lessons)) });
  const [edit, setEditState] = useState<EditState | null>(null);
  // The editor's state also lives in a ref, so that the blur that follows a commit does not commit twice.
  const editRef = useRef<EditState | null>(null);
  const setEdit = (e: EditState | null) => {
    editRef.current = e;
    setEditState(e);
  };
  const [unlockOpen, setUnlockOpen] = useState(false);
  const [finalsOpen, setFinalsOpen] = useState(false);
  const [remarkOpen, setRemarkOpen] = useState(false);
  const [remarksSeen, setRemarksSeen] = useState(0);
  const { can } = useSession();
  const [notice, setNotice] = useState<string | null>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const rows = students.length;
  const cols = lessons.length;

  const closedReason = useCallback(
    (row: number, col: number): string | null => {
      const l = lessons[col];
      const s = students[row];
      if (!l || !s) return 'нет такой клетки';
      if (l.status === 'cancelled') return `урок ${dayMonth(l.date)} отменён`;
      if (l.status === 'moved') return `урок ${dayMonth(l.date)} перенесён`;
      if (l.future) return `урок ${dayMonth(l.date)} ещё не проведён`;
      if (!activeOn(s, l.date)) return `${s.name} не в классе ${ruDate(l.date)}`;
      if (grid.onlyLessonIds && !grid.onlyLessonIds.includes(l.id))
        return `урок ${dayMonth(l.date)} ведёт другой учитель: вы заменяли только свои уроки`;
      return null;
    },
    [lessons, students, grid.onlyLessonIds],
  );

  useEffect(() => {
    // Keeps the selected cell in view inside the grid only (the page itself does not jump), clear of the sticky
    // names column and header rows.
    const w = wrap.current;
    const el = w?.querySelector<HTMLElement>(`[data-row="${sel.row}"][data-col="${sel.col}"]`);
    if (!w || !el) return;
    const nameW = w.querySelector<HTMLElement>('th.jg-name')?.offsetWidth ?? 0;
    const headH = w.querySelector<HTMLElement>('thead')?.offsetHeight ?? 0;
    const table = el.offsetParent as HTMLElement | null;
    const left = el.offsetLeft + (table?.offsetLeft ?? 0);
    const top = el.offsetTop + (table?.offsetTop ?? 0);
    if (left - nameW < w.scrollLeft) w.scrollLeft = left - nameW;
    else if (left + el.offsetWidth > w.scrollLeft + w.clientWidth) w.scrollLeft = left + el.offsetWidth - w.clientWidth;
    if (top - headH < w.scrollTop) w.scrollTop = top - headH;
    else if (top + el.offsetHeight > w.scrollTop + w.clientHeight) w.scrollTop = top + el.offsetHeight - w.clientHeight;
  }, [sel]);
  useEffect(() => {
    if (target) wrap.current?.focus({ preventScroll: true });
  }, [target]);
  useEffect(() => {
    if (saver.lastError) setNotice(null);
  }, [saver.lastError]);

  const gridHeight = useFillHeight(wrap);
  const focusGrid = () => wrap.current?.focus({ preventScroll: true });

  const refuseEdit = (pos: Pos): boolean => {
    if (!grid.canEdit) {
      setNotice(grid.readOnlyReason ?? 'Журнал открыт только для чтения');
      return true;
    }
    const why = closedReason(pos.row, pos.col);
    if (why) {
      setNotice(`Клетка закрыта: ${why}`);
      return true;
    }
    return false;
  };

  const commit = (to: Pos | null) => {
    const e = editRef.current;
    if (!e) return;
    const l = lessons[e.pos.col];
    const s = students[e.pos.row];
    setEdit(null);
    if (to) setSel(to);
    focusGrid();
    void saver.saveCell({ lessonId: l.id, studentId: s.id, text: e.text });
  };

  const undo = async () => {
    const c = await saver.undo();
    if (!c) {
      setNotice('Нечего отменять');
      return;
    }
    const row = students.findIndex((s) => s.id === c.studentId);
    const col = lessons.findIndex((l) => l.id === c.lessonId);
    if (row >= 0 && col >= 0) setSel({ row, col });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (edit || rows === 0 || cols === 0) return;
    const a = selectionKey(e, sel, rows, cols);
    if (a.kind === 'none') return;
    e.preventDefault();
    setNotice(null);
    if (a.kind === 'move') setSel(a.to);
    else if (a.kind === 'undo') void undo();
    else if (a.kind === 'clear') {
      if (refuseEdit(sel)) return;
      void saver.saveCell({ lessonId: lessons[sel.col].id, studentId: students[sel.row].id, text: '' });
    } else if (a.kind === 'edit') {
      if (refuseEdit(sel)) return;
      const current = saver.cells[cellKey(students[sel.row].id, lessons[sel.col].id)]?.text ?? '';
      setEdit({ pos: sel, text: a.initial === KEEP_TEXT ? current : a.initial, byTyping: a.initial !== KEEP_TEXT });
    }
  };

  const onEditorKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!edit) return;
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      setEdit(null);
      focusGrid();
      return;
    }
    if ((e.ctrlKey || e.metaKey) && (e.key === 'z' || e.key === 'я') && edit.byTyping && edit.text.length <= 1) {
      e.preventDefault();
      setEdit(null);
      focusGrid();
      return;
    }
    if (editCommitKey(e, edit.byTyping)) {
      e.preventDefault();
      const key = e.key === 'Enter' && e.shiftKey ? 'ArrowUp' : e.key;
      commit(step(edit.pos, key, e.shiftKey, rows, cols));
    }
  };

  const paste = (text: string) => {
    setNotice(null);
    if (!grid.canEdit) {
      setNotice(grid.readOnlyReason ?? 'Журнал открыт только для чтения');
      return;
    }
    const placed = placeBlock(parseClipboardBlock(text), sel, { rows, cols }, closedReason);
    if (!placed.ok) {
      saver.setLastError(placed.message);
      return;
    }
    void saver.saveBlock(placed.cells.map((c) => ({ lessonId: lessons[c.col].id, studentId: students[c.row].id, text: c.text })));
  };

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    const text = e.clipboardData.getData('text/plain');
    if (edit && !/[\t\n]/.test(text.replace(/\r?\n$/, ''))) return; // a single value goes into the editor
    e.preventDefault();
    if (edit) setEdit(null);
    focusGrid();
    paste(text);
  };

  const months = useMemo(() => {
    const out: { month: number; span: number }[] = [];
    for (const l of lessons) {
      const m = monthOf(l.date);
      if (out.length && out[out.length - 1].month === m) out[out.length - 1].span++;
      else out.push({ month: m, span: 1 });
    }
    return out;
  }, [lessons]);

  // The average and the suggested period mark follow the cells as they are saved, with the same rule main uses.
  const finals = useMemo(() => {
    const out: Record<number, StudentFinal> = {};
    for (const s of students) {
      const marks = lessons.flatMap((l) => saver.cells[cellKey(s.id, l.id)]?.marks ?? []);
      out[s.id] = { value: grid.finals[s.id]?.value ?? null, ...periodFigures(marks, grid.grading, grid.rules) };
    }
    return out;
  }, [students, lessons, saver.cells, grid.finals, grid.grading, grid.rules]);

  const selLesson = lessons[sel.col] ?? null;
  const selStudent = students[sel.row] ?? null;
  const selKey = selStudent && selLesson ? cellKey(selStudent.id, selLesson.id) : null;
  const finalsRows = students.map((s) => {
    const f = finals[s.id];
    return {
      student: s,
      value: f?.value ?? null,
      suggested: f?.suggested ?? null,
      hint: f ? `ср. ${num(f.average) || '—'}, отметок ${f.count}` : '',
      warning: f?.tooFew ? `меньше ${grid.rules.minMarks} отметок` : null,
    };
  });

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={6}>
      {!grid.canEdit && grid.readOnlyReason && !grid.lock && (
        <Alert type="info" showIcon data-testid="journal-readonly" title={grid.readOnlyReason} />
      )}
      {saver.lastError && (
        <Alert
          type="error"
          showIcon
          closable
          data-testid="journal-error"
          title={saver.lastError}
          onClose={() => saver.setLastError(null as never)}
        />
      )}
      {notice && <Alert type="info" showIcon closable data-testid="journal-notice" title={notice} onClose={() => setNotice(null)} />}
      {/* One row above the grid: the buttons, the period's lock (one line, whole in its tooltip) and the keys. */}
      <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        {grid.canEdit && (
          <Button size="small" onClick={() => setFinalsOpen(true)} disabled={students.length === 0}>
            Отметки за период…
          </Button>
        )}
        <Button size="small" disabled={saver.undoDepth === 0 || !grid.canEdit} onClick={() => void undo()}>
          Отменить (Ctrl+Z)
        </Button>
        {can('journal.inspect') && (
          <Button size="small" onClick={() => setRemarkOpen(true)}>
            Замечание…
          </Button>
        )}
        <JournalRemarksNote grid={grid} refresh={remarksSeen} />
        {grid.canEdit && <OtherJournalImport classId={grid.classId} className={grid.className} onDone={() => void props.reload()} />}
        {grid.lock && (
          <Alert
            type="warning"
            showIcon
            data-testid="journal-locked"
            style={{ flex: 1, minWidth: 0, padding: '1px 8px' }}
            title={
              <Typography.Text ellipsis={{ tooltip: true }} style={{ maxWidth: '100%' }}>
                {`Период закрыт: отметки за «${grid.period.name}» выставлены ${ruTime(grid.lock.lockedAt)} (${grid.lock.lockedBy}). ${
                  grid.canUnlock
                    ? 'Исправления вносятся после снятия блокировки с указанием причины.'
                    : 'Исправления вносит заместитель директора по УВР.'
                }`}
              </Typography.Text>
            }
            action={
              grid.canUnlock ? (
                <Button size="small" danger onClick={() => setUnlockOpen(true)}>
                  Снять блокировку
                </Button>
              ) : undefined
            }
          />
        )}
        <Typography.Text
          type="secondary"
          style={{ fontSize: 12, flex: grid.lock ? '0 1 220px' : 1, minWidth: 0 }}
          ellipsis={{ tooltip: KEYS_HINT }}
        >
          {KEYS_HINT}
        </Typography.Text>
      </div>
      <div className="jg-layout">
        <div className="jg-main">
          {lessons.length === 0 ? (
            <Empty description="В этом периоде нет уроков: сформируйте уроки по расписанию" />
          ) : (
            <div
              ref={wrap}
              className="jg-wrap"
              tabIndex={0}
              role="grid"
              aria-label="Журнал"
              data-testid="journal-grid"
              data-readonly={grid.canEdit ? 'false' : 'true'}
              style={{ maxHeight: gridHeight }}
              onKeyDown={onKeyDown}
              onPaste={onPaste}
            >
              <table className="jg">
                <thead>
                  <tr className="jg-months">
                    <th className="jg-name" rowSpan={1}>
                      {grid.className} · {grid.subjectName}
                    </th>
                    {months.map((m, i) => (
                      <th key={i} colSpan={m.span}>
                        {MONTHS_SHORT[m.month]}
                      </th>
                    ))}
                    <th colSpan={2}>{grid.period.name}</th>
                  </tr>
                  <tr className="jg-days">
                    <th className="jg-name">Ученик</th>
                    {lessons.map((l, c) => (
                      <th
                        key={l.id}
                        title={lessonTitle(l)}
                        data-lesson-header={l.id}
                        className={c === sel.col ? 'jg-lesson-selected' : undefined}
                        onClick={() => {
                          setSel({ row: sel.row, col: c });
                          focusGrid();
                        }}
                      >
                        <span style={l.status !== 'held' ? { textDecoration: 'line-through', color: '#999' } : undefined}>
                          {l.date.slice(8, 10)}
                        </span>
                        {l.status === 'cancelled' && <span className="jg-status">отм.</span>}
                        {l.status === 'moved' && <span className="jg-status">перен.</span>}
                        {l.substitute && <span className="jg-sub">замена</span>}
                        {l.warnings.length > 0 && l.status === 'held' && <span className="jg-warn-mark">!</span>}
                      </th>
                    ))}
                    <th className="jg-avg" title="Средний балл за период">
                      Ср.
                    </th>
                    <th className="jg-final" title="Отметка за период; серым — по среднему баллу">
                      За период
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {students.map((s, r) => {
                    const f = finals[s.id];
                    return (
                      <tr key={s.id}>
                        <td className="jg-name" title={s.name}>
                          {r + 1}. {s.name}
                          {paper.has(s.id) && (
                            <span className="jg-paper" title={PAPER_TITLE} aria-label={PAPER_TITLE}>
                              бум.
                            </span>
                          )}
                        </td>
                        {lessons.map((l, c) => {
                          const key = cellKey(s.id, l.id);
                          const cell = saver.cells[key];
                          const closed = closedReason(r, c);
                          const st: CellStatus | undefined = saver.status[key];
                          const state = closed ? 'closed' : (st?.state ?? 'idle');
                          const isSel = r === sel.row && c === sel.col;
                          const editing = edit && edit.pos.row === r && edit.pos.col === c;
                          return (
                            <td
                              key={l.id}
                              className={`jg-cell${isSel ? ' jg-sel' : ''}${c === sel.col && !isSel ? ' jg-col' : ''}${l.status === 'cancelled' ? ' jg-cancelled' : ''}`}
                              data-row={r}
                              data-col={c}
                              data-student={s.id}
                              data-lesson={l.id}
                              data-state={state}
                              data-text={cell?.text ?? ''}
                              title={
                                closed
                                  ? `Закрыто: ${closed}`
                                  : st?.state === 'failed'
                                    ? `Не сохранено: ${st.message}`
                                    : (STATE_TITLES[st?.state ?? ''] ?? undefined)
                              }
                              onMouseDown={() => {
                                if (edit && !editing) commit(null);
                                setSel({ row: r, col: c });
                                setNotice(null);
                              }}
                              onDoubleClick={() => {
                                if (refuseEdit({ row: r, col: c })) return;
                                setEdit({ pos: { row: r, col: c }, text: cell?.text ?? '', byTyping: false });
                              }}
                            >
                              {editing ? (
                                <input
                                  autoFocus
                                  aria-label="Запись в клетке"
                                  maxLength={40}
                                  value={edit.text}
                                  onFocus={(e) =>
                                    edit.byTyping
                                      ? e.target.setSelectionRange(e.target.value.length, e.target.value.length)
                                      : e.target.select()
                                  }
                                  onChange={(e) => setEdit({ ...edit, text: e.target.value })}
                                  onKeyDown={onEditorKey}
                                  onBlur={() => {
                                    // Leaving the editor by clicking elsewhere saves what was typed.
                                    commit(null);
                                  }}
                                />
                              ) : (
                                <>
                                  <CellText text={cell?.text ?? ''} />
                                  {cell?.comment && <span className="jg-comment" title={cell.comment} />}
                                  {st && <span className="jg-dot" />}
                                </>
                              )}
                            </td>
                          );
                        })}
                        <td className="jg-avg" data-testid={`avg-${s.id}`}>
                          {num(f?.average)}
                        </td>
                        <td
                          className="jg-final"
                          data-testid={`final-${s.id}`}
                          data-value={f?.value ?? ''}
                          data-suggested={f?.suggested ?? ''}
                          title={
                            f
                              ? `Средний балл ${num(f.average) || '—'}, отметок ${f.count}${f.suggested ? `; по среднему: ${f.suggested}` : ''}${f.tooFew ? `; меньше ${grid.rules.minMarks} отметок — мало для отметки за период` : ''}`
                              : undefined
                          }
                        >
                          {f?.value ? <b>{f.value}</b> : f?.suggested ? <span className="jg-suggested">({f.suggested})</span> : null}
                          {f?.tooFew && <span className="jg-warn">⚠</span>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {students.length === 0 && <Empty description="В этом журнале нет учеников" />}
        </div>
        <div className="jg-side">
          {selLesson && (
            <LessonPanel
              key={selLesson.id}
              lesson={selLesson}
              canEdit={grid.canEdit && (!grid.onlyLessonIds || grid.onlyLessonIds.includes(selLesson.id))}
              onSaved={props.onLessonSaved}
            />
          )}
          {selLesson && selStudent && selKey && (
            <CellPanel
              key={selKey}
              grid={grid}
              lesson={selLesson}
              student={selStudent}
              cell={saver.cells[selKey] ?? null}
              status={saver.status[selKey]}
              closed={closedReason(sel.row, sel.col)}
              onSave={(input) => saver.saveCell({ lessonId: selLesson.id, studentId: selStudent.id, ...input })}
            />
          )}
        </div>
      </div>
      <RemarkDialog
        open={remarkOpen}
        grid={grid}
        lesson={selLesson}
        student={selStudent}
        onClose={(saved) => {
          setRemarkOpen(false);
          if (saved) setRemarksSeen((n) => n + 1);
          focusGrid();
        }}
      />
      <UnlockDialog
        lockId={unlockOpen && grid.lock ? grid.lock.id : null}
        what={`Журнал «${grid.className} · ${grid.subjectName}» за ${grid.period.name}`}
        onClose={(done) => {
          setUnlockOpen(false);
          if (done) void props.reload();
        }}
      />
      <FinalsDialog
        open={finalsOpen}
        title={`Отметки за период: ${grid.period.name}`}
        kind={grid.period.kind}
        grading={grid.grading}
        rows={finalsRows}
        warning={`После сохранения отметок за «${grid.period.name}» период закрывается: отметки и пропуски этого периода сможет изменить только заместитель директора, сняв блокировку с указанием причины.`}
        onClose={() => setFinalsOpen(false)}
        onSave={async (marks) => {
          const r = await mutate(
            'journal.setFinals',
            { classId: grid.classId, subjectId: grid.subjectId, groupId: grid.groupId, kind: grid.period.kind, marks, lock: true },
            'Отметки за период сохранены, период закрыт',
          );
          if (r) void props.reload();
          return r !== undefined;
        }}
      />
    </Space>
  );
}

/** The height that takes an element down to the window's bottom (the frame's footer aside), kept on resizing. */
function useFillHeight(ref: RefObject<HTMLElement | null>): number | undefined {
  const [height, setHeight] = useState<number | undefined>(undefined);
  const measure = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const scroller = el.closest('[data-testid="screen"]');
    const top = el.getBoundingClientRect().top + (scroller?.scrollTop ?? 0);
    const next = Math.max(200, Math.floor(window.innerHeight - top - 28));
    setHeight((h) => (h !== undefined && Math.abs(h - next) < 2 ? h : next));
  }, [ref]);
  // After every render (an alert above the grid may come or go) and on resizing.
  useLayoutEffect(measure);
  useEffect(() => {
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [measure]);
  return height;
}

function CellText({ text }: { text: string }) {
  if (!text) return null;
  const parts = text.split('/');
  return (
    <span>
      {parts.map((p, i) => (
        <span key={i}>
          {i > 0 && '/'}
          <span className={p === 'н' || p === 'б' || p === 'у' ? 'jg-absent' : undefined}>{p}</span>
        </span>
      ))}
    </span>
  );
}

/**
 * The column to start on: the last lesson that has taken place (today's or earlier on the school's clock, which main
 * marks as not `future`), else the first.
 */
function lastHeldIndex(lessons: GridLesson[]): number {
  let idx = 0;
  lessons.forEach((l, i) => {
    if (!l.future) idx = i;
  });
  return idx;
}
