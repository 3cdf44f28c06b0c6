import { ruNumber } from '../../../main/contract/rules/numbers';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Input,
  Pagination,
  Progress,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Input as ChannelInput, Output } from '../../../main/contract/index';
import { ru } from '../../../main/contract/rules/dates';
import { call } from '../../api';
import { useQuery } from '../../hooks';
import { useSession } from '../../session';
import { SearchSelect } from '../../components/SearchSelect';

// Печать и архив: one class's documents — preview page by page, print through the browser's (or Electron's) print
// dialog on the same fixed-size pages, save as PDF/DOCX/XLSX; and whole-school printing into a folder, run by main
// in its print worker, with a progress bar and a stop button. Main checks every right again on each call.

type Spec = ChannelInput<'print.html'>;
type Kind = Spec['kind'];
type Format = ChannelInput<'print.file'>['format'];

let fontsCss: Promise<string> | null = null;
/** The DejaVu faces (~3 MB as CSS) once per session: every preview frame reuses them. */
function fonts(): Promise<string> {
  fontsCss ??= call('print.fonts', {}).then((r) => r.css);
  fontsCss.catch(() => (fontsCss = null));
  return fontsCss;
}

function frameDoc(fontCss: string, body: string, zoom: number): string {
  return `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><style>${fontCss}</style><style>body{zoom:${zoom};padding-top:12px}</style></head><body>${body}</body></html>`;
}

function download(name: string, mime: string, base64: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Prints fixed-size HTML pages through a hidden frame: the system print dialog gets exactly those pages. */
function printHtml(html: string): Promise<void> {
  return new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
    frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden';
    frame.onload = () => {
      // fonts are data URLs: give the frame a moment to decode them before the dialog snapshots the pages
      void frame.contentDocument?.fonts.ready.then(() => {
        frame.contentWindow?.print();
        setTimeout(() => {
          frame.remove();
          resolve();
        }, 1000);
      });
    };
    frame.srcdoc = html;
    document.body.appendChild(frame);
  });
}

export function PrintScreen() {
  const session = useSession();
  const { message } = App.useApp();
  const years = useQuery('years.list', {});
  const info = useQuery('print.documents', {});
  const [yearId, setYearId] = useState<number | null>(session.yearId);
  useEffect(() => {
    if (yearId === null && session.yearId) setYearId(session.yearId);
  }, [session.yearId, yearId]);
  const classes = useQuery('print.classes', yearId ? { yearId } : null);

  if (!yearId) return <Empty description="Сначала создайте учебный год" />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <span>Учебный год:</span>
        <Select
          style={{ width: 140 }}
          value={yearId}
          onChange={setYearId}
          options={(years.data ?? []).map((y) => ({ value: y.id, label: y.name }))}
        />
        {info.data && (
          <Typography.Text type="secondary">
            Печать по умолчанию: {info.data.sided === 'single' ? 'на одной стороне листа' : 'с двух сторон листа'}
          </Typography.Text>
        )}
      </Space>
      {info.error && <Alert type="error" message={info.error} />}
      {(() => {
        // On screen only, never on the paper: a journal printed before its year is closed may still change.
        const y = years.data?.find((x) => x.id === yearId);
        return y && !y.closed ? (
          <Alert
            type="warning"
            showIcon
            data-testid="year-not-closed"
            title={`Учебный год ${y.name} не закрыт`}
            description="Записи этого года ещё можно изменить: напечатанный экземпляр может разойтись с электронным журналом. Журналы для прошивки и печати печатают после закрытия года (Классный журнал → Закрытие учебного года)."
          />
        ) : null;
      })()}
      <Tabs
        items={[
          {
            key: 'class',
            label: 'Документы класса',
            children:
              info.data && classes.data ? (
                <ClassDocuments
                  yearId={yearId}
                  info={info.data}
                  classes={classes.data}
                  onError={(m) => message.error({ content: m, duration: 6 })}
                />
              ) : null,
          },
          ...(info.data?.wholeSchool
            ? [
                {
                  key: 'school',
                  label: 'Вся школа',
                  children: (
                    <WholeSchool
                      yearId={yearId}
                      info={info.data}
                      classes={classes.data ?? []}
                      onError={(m: string) => message.error({ content: m, duration: 6 })}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}

function ClassDocuments(props: {
  yearId: number;
  info: Output<'print.documents'>;
  classes: Output<'print.classes'>;
  onError(m: string): void;
}) {
  const { info, classes, yearId, onError } = props;
  const [classId, setClassId] = useState<number | null>(classes[0]?.id ?? null);
  const [kind, setKind] = useState<Kind>('journal');
  const [sided, setSided] = useState<'single' | 'double'>(info.sided);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState(0.75);
  const [preview, setPreview] = useState<Output<'print.preview'> | null>(null);
  const [frame, setFrame] = useState<string>('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // the journal's copy: the year or one period, every subject or one (a teacher: one of their own subjects)
  const [period, setPeriod] = useState<number | 'year'>('year');
  const [subjectId, setSubjectId] = useState<number | null>(null);
  const journal = useQuery('print.journalOptions', kind === 'journal' && classId ? { classId } : null, [kind, classId]);
  const options = kind === 'journal' ? journal.data : null;
  useEffect(() => {
    if (!options) return;
    if (period !== 'year' && !options.periods.some((p) => p.number === period)) setPeriod('year');
    if (subjectId !== null && !options.subjects.some((x) => x.id === subjectId)) setSubjectId(null);
    if (!options.wholeJournal && subjectId === null && options.subjects[0]) setSubjectId(options.subjects[0].id);
  }, [options, period, subjectId]);
  const spec: Spec | null = useMemo(() => {
    if (kind === 'book') return { kind, yearId, sided };
    if (!classId) return null;
    if (kind !== 'journal') return { kind, classId, sided };
    if (!options) return null;
    if (!options.wholeJournal && subjectId === null) return null;
    return { kind, classId, sided, period, ...(subjectId !== null ? { subjectId } : {}) };
  }, [kind, classId, yearId, sided, options, period, subjectId]);

  const load = useCallback(
    async (p: number, fresh: boolean) => {
      if (!spec) return;
      setBusy('Подготовка страниц…');
      try {
        const [css, r] = await Promise.all([fonts(), call('print.preview', { ...spec, from: p, count: 1, fresh })]);
        setPreview(r);
        setPage(r.from);
        setFrame(frameDoc(css, r.html, zoom));
        setError(null);
      } catch (e) {
        setError((e as Error).message);
        setPreview(null);
      } finally {
        setBusy(null);
      }
    },
    // zoom re-renders the frame below without a new call
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [spec],
  );
  useEffect(() => {
    void load(1, true);
  }, [load]);
  useEffect(() => {
    if (preview) {
      void fonts().then((css) => setFrame(frameDoc(css, preview.html, zoom)));
    }
  }, [zoom, preview]);

  const run = async (what: string, f: () => Promise<void>) => {
    setBusy(what);
    try {
      await f();
    } catch (e) {
      onError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const save = (format: Format) =>
    run(`Сохранение ${format.toUpperCase()}…`, async () => {
      if (!spec) return;
      const r = await call('print.file', { ...spec, format });
      download(r.name, r.mime, r.base64);
    });
  const print = () =>
    run('Подготовка к печати…', async () => {
      if (!spec) return;
      const r = await call('print.html', spec);
      await printHtml(r.html);
    });

  if (classes.length === 0 && !info.wholeSchool) return <Empty description="Нет классов, которые вы можете печатать" />;
  const kinds = [
    ...info.documents
      .filter((d) => !info.ownSubjectsOnly || d.kind === 'journal')
      .map((d) => ({ value: d.kind as Kind, label: info.ownSubjectsOnly ? 'Страницы журнала своих предметов' : d.title })),
    ...(info.wholeSchool ? [{ value: 'book' as Kind, label: 'Книга сводных ведомостей школы' }] : []),
  ];
  return (
    <Row gutter={16}>
      <Col xs={24} lg={7}>
        <Card size="small" title="Что печатать">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Select style={{ width: '100%' }} value={kind} onChange={setKind} options={kinds} aria-label="Документ" />
            {kind !== 'book' && (
              <SearchSelect
                style={{ width: '100%' }}
                value={classId ?? undefined}
                onChange={setClassId}
                placeholder="Класс"
                aria-label="Класс"
                options={classes.map((c) => ({ value: c.id, label: `${c.name}${c.homeroom ? ` — ${c.homeroom}` : ''}` }))}
              />
            )}
            {kind === 'journal' && options && (
              <>
                <Select
                  style={{ width: '100%' }}
                  value={period}
                  onChange={setPeriod}
                  aria-label="Период"
                  options={[
                    { value: 'year' as const, label: 'За учебный год' },
                    ...options.periods.map((p) => ({ value: p.number, label: `За ${p.name} (${ru(p.start)} – ${ru(p.end)})` })),
                  ]}
                />
                <Select
                  style={{ width: '100%' }}
                  value={subjectId ?? 0}
                  onChange={(v: number) => setSubjectId(v === 0 ? null : v)}
                  aria-label="Предмет"
                  options={[
                    ...(options.wholeJournal ? [{ value: 0, label: 'Все предметы (журнал класса)' }] : []),
                    ...options.subjects.map((x) => ({ value: x.id, label: `Предмет: ${x.name}` })),
                  ]}
                />
                {!options.wholeJournal && options.subjects.length === 0 && (
                  <Alert type="info" showIcon message="В этом классе у вас нет своих предметов" />
                )}
              </>
            )}
            <Radio.Group value={sided} onChange={(e) => setSided(e.target.value)} optionType="button" size="small">
              <Radio value="single">на одной стороне</Radio>
              <Radio value="double">с двух сторон</Radio>
            </Radio.Group>
            {preview && (
              <Typography.Text>
                {preview.total} стр., заверяется {preview.leaves} л.
              </Typography.Text>
            )}
            <Space wrap>
              <Button type="primary" onClick={print} disabled={!preview || !!busy}>
                Печать…
              </Button>
              {(['pdf', 'docx', 'xlsx'] as Format[]).map((f) => (
                <Button key={f} onClick={() => save(f)} disabled={!spec || !!busy}>
                  {f.toUpperCase()}
                </Button>
              ))}
            </Space>
            <Button size="small" onClick={() => load(page, true)} disabled={!spec || !!busy}>
              Обновить из базы
            </Button>
            {busy && <Typography.Text type="secondary">{busy}</Typography.Text>}
          </Space>
        </Card>
        {preview && (
          <Card size="small" title="Разделы" style={{ marginTop: 12, maxHeight: 360, overflow: 'auto' }}>
            {sections(preview.pages).map((s) => (
              <div key={s.first}>
                <Button type="link" size="small" onClick={() => load(s.first, false)}>
                  {s.title}
                </Button>
                <Typography.Text type="secondary">{s.first === s.last ? s.first : `${s.first}–${s.last}`}</Typography.Text>
              </div>
            ))}
          </Card>
        )}
      </Col>
      <Col xs={24} lg={17}>
        {error && <Alert type="error" message={error} style={{ marginBottom: 8 }} />}
        {preview && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Pagination simple current={page} total={preview.total} pageSize={1} onChange={(p) => load(p, false)} />
              <Select
                size="small"
                value={zoom}
                onChange={setZoom}
                style={{ width: 90 }}
                options={[0.5, 0.75, 1].map((z) => ({ value: z, label: `${Math.round(z * 100)} %` }))}
                aria-label="Масштаб"
              />
              <Tag>{preview.pages[page - 1]?.section}</Tag>
            </Space>
            <iframe
              title="Просмотр страницы"
              sandbox=""
              srcDoc={frame}
              style={{ width: '100%', height: 900 * zoom + 120, border: '1px solid #ccc', background: '#888' }}
            />
          </Space>
        )}
      </Col>
    </Row>
  );
}

function sections(pages: Output<'print.preview'>['pages']) {
  const out: { title: string; first: number; last: number }[] = [];
  for (const p of pages) {
    const last = out[out.length - 1];
    if (last && last.title === p.section) last.last = p.number;
    else out.push({ title: p.section, first: p.number, last: p.number });
  }
  return out;
}

function WholeSchool(props: {
  yearId: number;
  info: Output<'print.documents'>;
  classes: Output<'print.classes'>;
  onError(m: string): void;
}) {
  const { info, yearId, classes, onError } = props;
  const [folder, setFolder] = useState(info.defaultFolder);
  const [formats, setFormats] = useState<Format[]>(['pdf']);
  const [kinds, setKinds] = useState<string[]>(info.schoolSet);
  const [only, setOnly] = useState<number[]>([]);
  const [book, setBook] = useState(true);
  const [job, setJob] = useState<Output<'print.schoolStatus'>>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  const poll = useCallback(
    async (jobId?: string) => {
      try {
        const s = await call('print.schoolStatus', jobId ? { jobId } : {});
        setJob(s);
        if (s && s.status !== 'running' && s.status !== 'cancelling' && timer.current) {
          clearInterval(timer.current);
          timer.current = null;
        }
        return s;
      } catch (e) {
        onError((e as Error).message);
        return null;
      }
    },
    [onError],
  );
  const follow = useCallback(
    (jobId?: string) => {
      if (timer.current) clearInterval(timer.current);
      timer.current = setInterval(() => void poll(jobId), 700);
    },
    [poll],
  );
  useEffect(() => {
    // a job started earlier (the screen was left and reopened) is shown again
    void poll().then((s) => s && (s.status === 'running' || s.status === 'cancelling') && follow(s.jobId));
    return () => {
      if (timer.current) clearInterval(timer.current);
    };
  }, [poll, follow]);

  const start = async () => {
    try {
      const r = await call('print.schoolStart', {
        yearId,
        outDir: folder,
        formats,
        kinds: kinds as ChannelInput<'print.schoolStart'>['kinds'],
        classIds: only.length ? only : undefined,
        book: book && only.length === 0,
      });
      await poll(r.jobId);
      follow(r.jobId);
    } catch (e) {
      onError((e as Error).message);
    }
  };
  const running = job?.status === 'running' || job?.status === 'cancelling';
  const percent = job && job.total ? Math.round((job.done / job.total) * 100) : 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">
        Каждый выбранный документ каждого класса записывается в папку «{folder}/{'<год>/<класс>'}». Уже существующие файлы не заменяются:
        новый файл получает номер, например «Классный журнал 5А (2).pdf».
      </Typography.Paragraph>
      <Space wrap>
        <span>Папка:</span>
        <Input style={{ width: 420 }} value={folder} onChange={(e) => setFolder(e.target.value)} aria-label="Папка" disabled={running} />
      </Space>
      <Space wrap>
        <span>Форматы:</span>
        <Checkbox.Group
          value={formats}
          onChange={(v) => setFormats(v as Format[])}
          disabled={running}
          options={['pdf', 'docx', 'xlsx'].map((f) => ({ value: f, label: f.toUpperCase() }))}
        />
      </Space>
      <Checkbox.Group
        value={kinds}
        onChange={(v) => setKinds(v as string[])}
        disabled={running}
        options={info.documents.filter((d) => d.inSchoolSet).map((d) => ({ value: d.kind, label: d.title }))}
      />
      <Space wrap>
        <span>Классы:</span>
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 320 }}
          placeholder="все классы года"
          value={only}
          onChange={setOnly}
          disabled={running}
          options={classes.map((c) => ({ value: c.id, label: c.name }))}
          aria-label="Классы"
        />
        <Checkbox checked={book && only.length === 0} disabled={running || only.length > 0} onChange={(e) => setBook(e.target.checked)}>
          и книгу сводных ведомостей школы
        </Checkbox>
      </Space>
      <Space>
        <Button type="primary" onClick={start} disabled={running || !formats.length || !kinds.length}>
          Напечатать в папку
        </Button>
        <Button
          danger
          onClick={() =>
            job &&
            call('print.schoolCancel', { jobId: job.jobId }).then(
              () => poll(job.jobId),
              (e: Error) => onError(e.message),
            )
          }
          disabled={!running || job?.status === 'cancelling'}
        >
          Остановить
        </Button>
      </Space>
      {job && (
        <Card size="small">
          <Progress
            percent={percent}
            status={job.status === 'failed' || job.failed.length ? 'exception' : job.status === 'done' ? 'success' : 'active'}
          />
          <Typography.Text>
            {job.status === 'running' && `${job.done} из ${job.total}: ${job.current}`}
            {job.status === 'cancelling' && 'Останавливается после текущего файла…'}
            {job.status === 'done' &&
              `Готово за ${ruNumber(job.ms / 1000)} с: файлов ${job.written.length}, ошибок ${job.failed.length}. Папка: ${job.folder}`}
            {job.status === 'cancelled' && `Остановлено: записано файлов ${job.written.length}. Папка: ${job.folder}`}
            {job.status === 'failed' && `Печать прервалась: ${job.error}`}
          </Typography.Text>
          {job.failed.length > 0 && (
            <Alert
              style={{ marginTop: 8 }}
              type="error"
              message="Не напечатано"
              description={job.failed.map((f, i) => (
                <div key={i}>
                  {f.className ?? 'Книга школы'}: {f.kind} — {f.message}
                </div>
              ))}
            />
          )}
          {job.written.length > 0 && (
            <Table
              style={{ marginTop: 8 }}
              size="small"
              rowKey="file"
              pagination={{ pageSize: 10 }}
              dataSource={job.written}
              columns={[
                { title: 'Файл', dataIndex: 'name' },
                { title: 'Страниц', dataIndex: 'pages', width: 90 },
                { title: 'Размер', dataIndex: 'bytes', width: 110, render: (b: number) => `${ruNumber(b / 1024)} КБ` },
              ]}
            />
          )}
        </Card>
      )}
    </Space>
  );
}
