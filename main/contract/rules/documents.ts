// Every printable document of a class by name, the file formats and the page sides: what the print screen offers,
// what the CLI accepts and what main/printing builds. Plain data, shared by main and the renderer.

export const CLASS_DOCUMENTS = ['journal', 'ledger', 'attendance-months', 'marks-ledger', 'attendance-ledger', 'class-list'] as const;
export type ClassDocument = (typeof CLASS_DOCUMENTS)[number];

export const FORMATS = ['pdf', 'docx', 'xlsx', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export const SIDED = ['single', 'double'] as const;
/** Printed on one side of each sheet or on both. */
export type Sided = (typeof SIDED)[number];

export interface DocumentInfo {
  kind: ClassDocument;
  /** As the print screen lists it. */
  title: string;
  /** The file name's stem before the class: «Классный журнал» → «Классный журнал 5А.pdf». */
  fileStem: string;
  /** Printed for every class by whole-school printing. */
  inSchoolSet: boolean;
  /** Who keeps it: shown on the screen. */
  note: string;
}

export const DOCUMENT_INFO: Record<ClassDocument, DocumentInfo> = {
  journal: {
    kind: 'journal',
    title: 'Классный журнал',
    fileStem: 'Классный журнал',
    inSchoolSet: true,
    note: 'печатается к 30 июня, хранится 5 лет',
  },
  ledger: {
    kind: 'ledger',
    title: 'Сводная ведомость учёта успеваемости (итоговые отметки)',
    fileStem: 'Сводная ведомость успеваемости',
    inSchoolSet: true,
    note: 'в архив, хранится 25 лет',
  },
  'attendance-months': {
    kind: 'attendance-months',
    title: 'Отчёт о посещаемости класса по месяцам',
    fileStem: 'Посещаемость по месяцам',
    inSchoolSet: true,
    note: 'классный руководитель',
  },
  'marks-ledger': {
    kind: 'marks-ledger',
    title: 'Сводная ведомость успеваемости класса по периодам',
    fileStem: 'Успеваемость по периодам',
    inSchoolSet: true,
    note: 'классный руководитель',
  },
  'attendance-ledger': {
    kind: 'attendance-ledger',
    title: 'Сводная ведомость учёта посещаемости',
    fileStem: 'Сводная ведомость посещаемости',
    inSchoolSet: true,
    note: 'классный руководитель',
  },
  'class-list': {
    kind: 'class-list',
    title: 'Список класса на дату',
    fileStem: 'Список класса',
    inSchoolSet: false,
    note: 'на выбранную дату',
  },
};

/** What whole-school printing prints for every class unless told otherwise. */
export const SCHOOL_SET: ClassDocument[] = CLASS_DOCUMENTS.filter((k) => DOCUMENT_INFO[k].inSchoolSet);
