import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { csvFile, unescapeCsvCell } from '../kernel/csv';
import type { TopicKind } from '../../db/schema';
import type { PlanFileResult } from '../contract/timetable-outputs';

// Reading and writing a thematic plan (КТП) as XLSX or CSV. Reading never throws for a bad file:
// it returns every row's problem so that the preview can show them all before anything is saved.

export const MAX_TOPICS = 2000;

export const KIND_NAMES: Record<TopicKind, string> = {
  ordinary: 'урок',
  practical: 'практическая работа',
  laboratory: 'лабораторная работа',
  control: 'контрольная работа',
  excursion: 'экскурсия',
};

const KIND_WORDS: [RegExp, TopicKind][] = [
  [/^(|урок|обычный|обычн\.?|теория|изучение нового материала|комбинированный)$/, 'ordinary'],
  [/^(практ|пр\.?|п\/р|пр\/р|практическая( работа)?|практикум|практическое занятие)$/, 'practical'],
  [/^(лаб|лр|л\/р|лабораторная( работа)?|лабораторное занятие)$/, 'laboratory'],
  [/^(кр|к\/р|контроль|контрольная( работа)?|диктант|контрольный диктант|зачёт|зачет|тест|проверочная работа)$/, 'control'],
  [/^(экскурсия|экск\.?)$/, 'excursion'],
];

export function parseKind(s: string): TopicKind | null {
  const v = s.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const [re, k] of KIND_WORDS) if (re.test(v)) return k;
  return null;
}

type Column = 'position' | 'title' | 'hours' | 'kind' | 'homework';
const HEADERS: Record<Column, RegExp> = {
  position: /^(№|n|no|номер|№ ?п\/п|№ урока|номер урока|порядковый номер)$/,
  title: /^(тема|тема урока|название темы|наименование темы|название|наименование|содержание)$/,
  hours: /^(часы|часов|час|кол-во часов|количество часов|кол\.? ?ч\.?|ч\.?)$/,
  kind: /^(вид|вид урока|тип|тип урока|вид работы|вид занятия|форма)$/,
  homework: /^(домашнее задание|дз|д\/з|задание на дом)$/,
};
const REQUIRED: Column[] = ['title', 'hours'];
const COLUMN_NAMES: Record<Column, string> = { position: '№', title: 'Тема', hours: 'Часы', kind: 'Вид', homework: 'Домашнее задание' };

function empty(format: PlanFileResult['format'], encoding: string | null, fatal: string, rowCount = 0): PlanFileResult {
  return { format, encoding, fatal, topics: [], errors: [], notices: [], rowCount, totalHours: 0 };
}

/** Text of a CSV file: UTF-8 with or without BOM, UTF-16 with BOM, otherwise Windows-1251. */
export function decodeText(buf: Buffer): { text: string; encoding: string } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return { text: buf.subarray(3).toString('utf8'), encoding: 'UTF-8 (BOM)' };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'UTF-16LE' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'UTF-16BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'UTF-8' };
  } catch {
    // Excel on Russian Windows saves «CSV (разделители — запятые)» in Windows-1251.
    return { text: iconv.decode(buf, 'win1251'), encoding: 'Windows-1251' };
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
    return '';
  }
  return String(v);
}

async function xlsxRows(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows[n - 1] = values.map((v) => cellText(v as ExcelJS.CellValue));
  });
  return Array.from(rows, (r) => r ?? []);
}

/** Reads a plan file and checks every row; `name` is used only to tell XLS from CSV in messages. */
export async function parsePlanFile(name: string, buf: Buffer): Promise<PlanFileResult> {
  let rows: string[][];
  let format: PlanFileResult['format'];
  let encoding: string | null = null;
  if (buf.length === 0) return empty('csv', null, 'Файл пустой');
  if (buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0)
    return empty('xlsx', null, 'Файл в старом формате Excel 97–2003 (XLS): сохраните его как «Книга Excel (XLSX)» или CSV');
  if (buf[0] === 0x50 && buf[1] === 0x4b) {
    format = 'xlsx';
    try {
      rows = await xlsxRows(buf);
    } catch {
      return empty('xlsx', null, `Файл «${name}» не читается как книга Excel (XLSX): возможно, он повреждён`);
    }
  } else {
    format = 'csv';
    const decoded = decodeText(buf);
    encoding = decoded.encoding;
    if (decoded.text.includes('\u0000')) return empty('csv', encoding, 'Файл не похож на текстовый CSV: сохраните план как XLSX или CSV');
    // The delimiter is the one the header line uses most (Russian Excel writes «;»). Papaparse's own
    // guess needs several columns on every line and fails on short two-column files.
    const headerLine = decoded.text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
    const delimiter = [';', '\t', ',', '|'].map((d) => ({ d, n: headerLine.split(d).length - 1 })).sort((a, b) => b.n - a.n)[0];
    const parsed = Papa.parse<string[]>(decoded.text, { skipEmptyLines: false, delimiter: delimiter.n > 0 ? delimiter.d : ';' });
    rows = parsed.data;
  }
  const isBlank = (r: string[]) => r.every((c) => String(c ?? '').trim() === '');
  const headerIdx = rows.findIndex((r) => !isBlank(r));
  if (headerIdx < 0) return empty(format, encoding, 'В файле нет ни одной строки');
  const header = rows[headerIdx].map((h) =>
    String(h ?? '')
      .trim()
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .replace(/[.:]$/, ''),
  );
  const cols = new Map<Column, number>();
  const unknown: string[] = [];
  header.forEach((h, i) => {
    if (!h) return;
    const col = (Object.keys(HEADERS) as Column[]).find((c) => HEADERS[c].test(h));
    if (col && !cols.has(col)) cols.set(col, i);
    else unknown.push(rows[headerIdx][i]);
  });
  const missing = REQUIRED.filter((c) => !cols.has(c));
  const dataRows = rows
    .slice(headerIdx + 1)
    .map((r, i) => ({ r, row: headerIdx + 2 + i }))
    .filter(({ r }) => !isBlank(r));
  if (missing.length)
    return empty(
      format,
      encoding,
      `Не найдены столбцы ${missing.map((c) => `«${COLUMN_NAMES[c]}»`).join(', ')} в первой строке. ` +
        `Первая строка файла должна содержать заголовки: «№», «Тема», «Часы», «Вид» (урок, практическая, лабораторная, контрольная, экскурсия), «Домашнее задание». ` +
        `Найдено: ${
          rows[headerIdx]
            .filter((h) => String(h ?? '').trim())
            .map((h) => `«${String(h).trim()}»`)
            .join(', ') || 'ничего'
        }`,
      dataRows.length,
    );
  if (dataRows.length > MAX_TOPICS)
    return empty(
      format,
      encoding,
      `В файле ${dataRows.length} строк с темами, а в тематическом плане может быть не больше ${MAX_TOPICS} тем (5 часов в неделю за год — около 170). Проверьте, тот ли это файл`,
      dataRows.length,
    );
  if (dataRows.length === 0) return empty(format, encoding, 'В файле есть заголовки, но нет ни одной темы');

  const result: PlanFileResult = {
    format,
    encoding,
    fatal: null,
    topics: [],
    errors: [],
    notices: [],
    rowCount: dataRows.length,
    totalHours: 0,
  };
  if (unknown.length) result.notices.push(`Столбцы ${unknown.map((u) => `«${u}»`).join(', ')} не распознаны и не будут загружены`);
  // A CSV written by csvFile carries «'» before a cell that looks like a formula: read it back as it was.
  const cell = (s: string) => (format === 'csv' ? unescapeCsvCell(s) : s);
  const get = (r: string[], c: Column) => (cols.has(c) ? cell(String(r[cols.get(c)!] ?? '').trim()) : '');
  const positions = new Map<number, number>();
  dataRows.forEach(({ r, row }, i) => {
    const problems: string[] = [];
    const title = get(r, 'title');
    if (!title) problems.push('не заполнена тема');
    else if (title.length > 500) problems.push('тема длиннее 500 символов');
    const hoursText = get(r, 'hours').replace(',', '.');
    const hours = Number(hoursText);
    if (!hoursText) problems.push('не указаны часы');
    else if (!Number.isInteger(hours) || hours < 1 || hours > 20)
      problems.push(`«Часы»: нужно целое число от 1 до 20, указано «${get(r, 'hours')}»`);
    let position = i + 1;
    if (cols.has('position')) {
      const p = get(r, 'position').replace(/\.$/, '');
      const n = Number(p);
      if (!p || !Number.isInteger(n) || n < 1) problems.push(`«№»: нужно целое положительное число, указано «${get(r, 'position')}»`);
      else if (positions.has(n)) problems.push(`«№» ${n} уже был в строке ${positions.get(n)}`);
      else {
        positions.set(n, row);
        position = n;
      }
    }
    const kindText = get(r, 'kind');
    const kind = parseKind(kindText);
    if (!kind) problems.push(`«Вид»: неизвестный вид «${kindText}» (урок, практическая, лабораторная, контрольная, экскурсия)`);
    const homework = get(r, 'homework');
    if (homework.length > 1000) problems.push('домашнее задание длиннее 1000 символов');
    if (problems.length) result.errors.push({ row, message: `Строка ${row}: ${problems.join('; ')}` });
    else result.topics.push({ row, position, title, hours, kind: kind!, homework });
  });
  result.topics.sort((a, b) => a.position - b.position);
  result.totalHours = result.topics.reduce((a, t) => a + t.hours, 0);
  return result;
}

export interface TopicOut {
  position: number;
  title: string;
  hours: number;
  kind: TopicKind;
  homework: string;
}

const EXPORT_HEADER = ['№', 'Тема', 'Часы', 'Вид', 'Домашнее задание'];

/** CSV in UTF-8 with BOM and «;» (the program's one CSV writer: formulas are neutralised). */
export function planCsv(topics: readonly TopicOut[]): Buffer {
  return csvFile(
    EXPORT_HEADER,
    topics.map((t) => [t.position, t.title, t.hours, KIND_NAMES[t.kind], t.homework]),
  );
}

export async function planXlsx(title: string, topics: readonly TopicOut[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('КТП', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: false },
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.columns = [
    { header: EXPORT_HEADER[0], key: 'position', width: 6 },
    { header: EXPORT_HEADER[1], key: 'title', width: 70 },
    { header: EXPORT_HEADER[2], key: 'hours', width: 7 },
    { header: EXPORT_HEADER[3], key: 'kind', width: 22 },
    { header: EXPORT_HEADER[4], key: 'homework', width: 30 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const t of topics)
    ws.addRow({ position: t.position, title: t.title, hours: t.hours, kind: KIND_NAMES[t.kind], homework: t.homework });
  ws.pageSetup.printTitlesRow = '1:1';
  wb.title = title;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
