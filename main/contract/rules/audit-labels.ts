import { ROLE_NAMES, type Role } from './roles';

// The audit log in people's terms (issue 15 part 5): one dictionary of Russian names for its actions, objects, fields
// and coded values, used by the viewer (renderer/screens/admin/AuditScreen.tsx), its CSV and XLSX (main/accounts).

export const ACTION_NAMES: Record<string, string> = {
  create: 'создание',
  update: 'изменение',
  delete: 'удаление',
  replace: 'замена целиком',
  generate: 'создание уроков по расписанию',
  transfer: 'перевод',
  withdraw: 'выбытие',
  arrive: 'прибытие',
  login: 'вход',
  activate: 'активация',
  change_password: 'смена пароля',
  reset_password: 'сброс пароля',
  set_roles: 'изменение ролей',
  disable: 'отключение',
  enable: 'включение',
  mark_compromised: 'отметка об утечке',
  void: 'аннулирование',
  refused: 'отказ в доступе',
  deny: 'отказ',
  allow: 'разрешение',
  lock: 'закрытие периода',
  unlock: 'снятие блокировки периода',
  substitute: 'замена',
  cancel: 'отмена урока',
  move: 'перенос урока',
  'demo.journal': 'демонстрационные записи журнала',
  import: 'загрузка из файла',
  'backup.create': 'резервная копия',
  'backup.key_confirmed': 'подтверждение ключа резервных копий',
  'backup.carry_settings': 'перенос настроек резервного копирования',
  'remark.answer': 'ответ на замечание',
  'remark.fix': 'отметка об исправлении',
  'remark.unfix': 'снятие отметки об исправлении',
  export: 'выгрузка данных',
};

export const ENTITY_NAMES: Record<string, string> = {
  school: 'школа',
  academic_year: 'учебный год',
  period_scheme: 'учебные периоды',
  holiday: 'каникулы',
  bell_schedule: 'звонки',
  subject: 'предмет',
  room: 'кабинет',
  staff: 'сотрудник',
  class: 'класс',
  student: 'ученик',
  study_group: 'группа',
  app_user: 'пользователь',
  audit_log: 'журнал аудита',
  guardian_notice: 'заявление родителя',
  ipc: 'запрос',
  host: 'браузерный доступ',
  window: 'окно программы',
  lesson: 'урок',
  journal_cell: 'отметка или пропуск',
  final_mark: 'итоговая отметка',
  journal_lock: 'блокировка периода',
  journal: 'классный журнал',
  journal_remark: 'замечание по ведению журнала',
  teaching_load: 'нагрузка',
  teacher_subject: 'предметы учителя',
  timetable_slot: 'расписание',
  timetable_version: 'версия расписания',
  curriculum: 'учебный план',
  thematic_plan: 'тематическое планирование',
  control_work: 'контрольная работа',
  parent_extract: 'выписка для родителей',
  backup_destination: 'место резервных копий',
  backup_run: 'резервное копирование',
  backup_check: 'проверка резервной копии',
  setting: 'настройка',
  roster_import: 'загрузка списка (ученики, сотрудники, предметы, классы)',
};

export const OUTCOME_NAMES: Record<string, string> = { ok: 'выполнено', denied: 'отказано', error: 'ошибка', voided: 'аннулировано' };

/** Field labels of the before/after values: table columns and the keys services write. */
export const FIELD_NAMES: Record<string, string> = {
  id: 'номер',
  name: 'название',
  full_name: 'полное название',
  short_name: 'краткое название',
  short: 'краткое название',
  title: 'название',
  label: 'подпись',
  last_name: 'фамилия',
  first_name: 'имя',
  middle_name: 'отчество',
  gender: 'пол',
  birth_date: 'дата рождения',
  citizenship: 'гражданство',
  snils: 'СНИЛС',
  birth_cert_series: 'серия свидетельства о рождении',
  birth_cert_number: 'номер свидетельства о рождении',
  passport_series: 'серия паспорта',
  passport_number: 'номер паспорта',
  passport_issued: 'паспорт выдан',
  address: 'адрес',
  address_registered: 'адрес регистрации',
  address_temporary: 'адрес временной регистрации',
  address_actual: 'фактический адрес',
  phone: 'телефон',
  email: 'электронная почта',
  health_group: 'группа здоровья',
  pe_group: 'группа по физкультуре',
  health_notes: 'особенности здоровья',
  life_situation: 'жизненная ситуация',
  personal_file_no: 'номер личного дела',
  guardians: 'родители (законные представители)',
  guardian_name: 'родитель',
  relation: 'кем приходится',
  workplace: 'место работы',
  document: 'документ',
  note: 'примечание',
  position: 'должность',
  active: 'работает',
  inn: 'ИНН',
  director_name: 'директор',
  grade: 'параллель',
  grades: 'параллели',
  letter: 'литера',
  class_id: 'класс',
  classId: 'класс',
  from_class_id: 'из класса',
  to_class_id: 'в класс',
  student_id: 'ученик',
  studentId: 'ученик',
  studentIds: 'состав',
  staff_id: 'учитель',
  staffId: 'сотрудник',
  homeroom_staff_id: 'классный руководитель',
  substitute_staff_id: 'заменяющий учитель',
  subject_id: 'предмет',
  subjectId: 'предмет',
  group_id: 'группа',
  groupId: 'группа',
  room_id: 'кабинет',
  roomId: 'кабинет',
  year_id: 'учебный год',
  yearId: 'учебный год',
  user_id: 'пользователь',
  userId: 'пользователь',
  lesson_id: 'урок',
  lessonId: 'урок',
  new_lesson_id: 'новый урок',
  newLessonId: 'новый урок',
  moved_from_id: 'перенесён с урока',
  bell_schedule_id: 'звонки',
  schedule_id: 'звонки',
  scheme_id: 'учебные периоды',
  period_id: 'учебный период',
  version_id: 'версия расписания',
  slot_id: 'урок расписания',
  plan_id: 'тематическое планирование',
  plan_topic_id: 'тема планирования',
  planTopicId: 'тема планирования',
  work_type_id: 'вид работы',
  workTypes: 'виды работ',
  destination_id: 'место копий',
  guardian_id: 'родитель',
  week_days: 'учебных дней в неделе',
  weekday: 'день недели',
  shift: 'смена',
  capacity: 'мест',
  number: 'номер',
  kind: 'вид',
  component: 'часть учебного плана',
  grading: 'система оценивания',
  grade_scheme: 'система оценивания',
  status: 'состояние',
  origin: 'источник',
  date: 'дата',
  start_date: 'начало',
  end_date: 'окончание',
  start_time: 'начало урока',
  end_time: 'конец урока',
  valid_from: 'действует с',
  lesson_number: 'номер урока',
  hours: 'часы',
  curriculum_hours: 'часы по учебному плану',
  topic: 'тема урока',
  homework: 'домашнее задание',
  work_kind: 'вид работы на уроке',
  workKind: 'вид работы на уроке',
  text: 'запись',
  afterText: 'запись',
  value: 'значение',
  absence: 'пропуск',
  comment: 'комментарий',
  weight: 'вес',
  reason: 'причина',
  order_number: 'номер приказа',
  login: 'логин',
  display_name: 'имя пользователя',
  displayName: 'имя пользователя',
  roles: 'роли',
  role: 'роль',
  disabled: 'отключена',
  enabled: 'включено',
  closed: 'закрыт',
  since: 'с момента',
  sinceIso: 'с момента',
  channel: 'операция',
  code: 'код',
  message: 'сообщение',
  attempt: 'попытка',
  count: 'количество',
  counts: 'количество',
  key: 'параметр',
  path: 'путь',
  file: 'файл',
  source: 'файл',
  topics: 'тем',
  lessonsUpdated: 'изменено уроков',
  entity: 'объект',
  entityId: 'номер объекта',
  auditId: 'запись журнала аудита',
  action: 'действие',
  period: 'период',
  periodNumber: 'номер периода',
  period_number: 'номер периода',
  locked_at: 'закрыт',
  locked_by: 'кем закрыт',
  lockedAt: 'закрыт',
  lockedBy: 'кем закрыт',
  unlock_reason: 'причина снятия блокировки',
  unlocked_at: 'блокировка снята',
  unlocked_by: 'кем снята блокировка',
  handed_at: 'выдано',
  handed_to: 'кому выдано',
  printed_at: 'напечатано',
  printed_by: 'кем напечатано',
  pages: 'страниц',
  span_from: 'период с',
  span_to: 'период по',
  moved: 'переведены из других подгрупп',
  fromGroupId: 'из группы',
  entries: 'строки',
  slots: 'уроки расписания',
  copyFrom: 'копия версии',
  copiedFrom: 'копия версии',
  mode: 'способ',
  destination: 'место копий',
  driveId: 'диск',
  drive_id: 'диск',
  url: 'адрес',
  via: 'через',
  what: 'что',
  detail: 'подробности',
  details: 'подробности',
  target: 'куда',
  restored: 'восстановлено',
  confirmed: 'подтверждено',
  proved: 'проверено',
  previous: 'прежнее',
  values: 'значения',
  first: 'первый',
  from: 'с',
  root: 'папка',
  bells: 'звонки',
  journal: 'журнал',
  periods: 'периоды',
  entered_at: 'внесено',
  entered_by: 'кем внесено',
  created_at: 'создано',
  created_by: 'кем создано',
  updated_at: 'изменено',
  compromised_at: 'утечка с',
  locked_until: 'вход заблокирован до',
  failed_attempts: 'неудачных попыток',
  due_date: 'срок исправления',
  written_by: 'кем написано',
  written_at: 'написано',
  answer: 'ответ учителя',
  answered_by: 'кем дан ответ',
  answered_at: 'дата ответа',
  fixed_by: 'кем отмечено исправление',
  fixed_at: 'исправлено',
};

/** Coded values shown in Russian (kinds, states, grading). */
export const VALUE_NAMES: Record<string, string> = {
  subgroup: 'подгруппа',
  stream: 'поток',
  iup: 'индивидуальный план',
  held: 'проводится',
  cancelled: 'отменён',
  moved: 'перенесён',
  quarter: 'четверти',
  half: 'полугодия',
  trimester: 'триместры',
  five: 'пятибалльная',
  pass: 'зачётная',
  federal: 'обязательная часть',
  school: 'часть, формируемая школой',
  timetable: 'по расписанию',
  manual: 'вручную',
  arrival: 'прибытие',
  transfer: 'перевод',
  withdrawal: 'выбытие',
  autumn: 'осенние',
  winter: 'зимние',
  spring: 'весенние',
  summer: 'летние',
  extra: 'дополнительные',
  public: 'праздничный день',
  ordinary: 'урок',
  practical: 'практическая работа',
  laboratory: 'лабораторная работа',
  control: 'контрольная работа',
  excursion: 'экскурсия',
  year: 'год',
  exam: 'экзамен',
  final: 'итоговая',
  ok: 'выполнено',
  denied: 'отказано',
  FORBIDDEN: 'нет прав',
  LOCKED: 'закрыто',
  SESSION_EXPIRED: 'сеанс истёк',
  UNKNOWN_CHANNEL: 'неизвестная операция',
  folder: 'папка',
  drive: 'съёмный диск',
  recipient: 'ключ',
  passphrase: 'парольная фраза',
  regular: 'обычная',
  archive: 'архивная',
  scheduled: 'по расписанию',
  cli: 'командная строка',
  ...ROLE_NAMES,
};

/** The areas of the program's operations (the part of a channel's name before the dot), in Russian. */
const CHANNEL_AREAS: Record<string, string> = {
  app: 'программа',
  auth: 'вход',
  users: 'пользователи',
  audit: 'журнал аудита',
  school: 'школа',
  years: 'учебный год',
  schemes: 'учебные периоды',
  holidays: 'каникулы',
  bells: 'звонки',
  subjects: 'предметы',
  rooms: 'кабинеты',
  staff: 'сотрудники',
  classes: 'классы',
  students: 'ученики',
  movement: 'движение учеников',
  groups: 'группы',
  stats: 'сводка',
  notices: 'заявления родителей',
  curriculum: 'учебный план',
  load: 'нагрузка',
  qualifications: 'квалификация',
  timetable: 'расписание',
  lessons: 'уроки',
  subs: 'замены',
  plans: 'тематическое планирование',
  control: 'контрольные работы',
  print: 'печать',
  backup: 'резервные копии',
  journal: 'журнал',
  parents: 'бумаги для родителей',
  settings: 'правила и сроки',
  results: 'успеваемость',
  problems: 'проблемные списки',
  forecast: 'прогноз отметок',
  vshk: 'ВШК (контрольные работы)',
  attendance: 'посещаемость',
  programme: 'выполнение программы',
  controlWeekly: 'еженедельный контроль',
  lookup: 'архив успеваемости',
  yearClose: 'закрытие года',
  archive: 'архив',
  remarks: 'замечания по ведению журнала',
  import: 'загрузка списков',
};

/** What an operation does (the part after the dot), by the first word of its name. */
const CHANNEL_VERBS: [RegExp, string][] = [
  [
    /^(list|get|info|status|me|history|report|grid|finals|homeroom|studentCard|attendance|corrections|weekly|register|board|expired|acts|checks|checklist|decisions|documents|classes|fonts|journalOptions|versions|slots|hours|limits|candidates|search|refusals|socialPedagogue|checkReminders|cellHistory|planTopics|compromisedOperations|warning|progress|stats)$/,
    'просмотр',
  ],
  [/^(export|pdf|html|file|extractFile|weeklyFile|registerFile|noticesFile|actFile|template)$/, 'выгрузка файла'],
  [/^run$/, 'загрузка из файла'],
  [/^(verify|check|conflicts|preview)$/, 'проверка'],
  [/^(delete|deleteVersion|deleteSlot|removeDestination|undefer|cancel|schoolCancel)$/, 'удаление или отмена'],
  [/^(login|activate|setupAdmin)$/, 'вход'],
  [/^logout$/, 'выход'],
  [/^(unlock|reopen)$/, 'открытие'],
  [/^close$/, 'закрытие'],
  [/^(restore|drill)$/, 'восстановление'],
];

/** Channels whose name does not follow «area.verb». */
const CHANNEL_NAMES: Record<string, string> = {
  'export.year': 'выгрузка данных: учебный год целиком',
  'export.list': 'выгрузка данных: список',
  'import.journal.preview': 'импорт из другого журнала: проверка',
  'import.journal.apply': 'импорт из другого журнала: сохранение',
};

/** «группы: изменение» for `groups.save`: an operation named in Russian (refusals in the audit log name it). */
export function channelName(channel: string): string {
  if (CHANNEL_NAMES[channel]) return CHANNEL_NAMES[channel];
  const [area, verb = ''] = channel.split('.');
  const areaName = CHANNEL_AREAS[area];
  if (!areaName) return 'неизвестная операция';
  return `${areaName}: ${CHANNEL_VERBS.find(([re]) => re.test(verb))?.[1] ?? 'изменение'}`;
}

export const actionName = (a: string): string => ACTION_NAMES[a] ?? a;
export const entityName = (e: string): string => ENTITY_NAMES[e] ?? e;
export const outcomeName = (o: string): string => OUTCOME_NAMES[o] ?? o;
export const fieldName = (k: string): string => FIELD_NAMES[k] ?? k;

/** The value as a person reads it: «да»/«нет», a date «02.12.2026», Russian names of codes, lists joined. */
export function auditValueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'да' : 'нет';
  if (typeof v === 'number') return String(v).replace('.', ',');
  if (typeof v === 'string') {
    const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (d) return `${d[3]}.${d[2]}.${d[1]}`;
    if (/^\d{4}-\d{2}-\d{2}T/.test(v)) {
      const t = new Date(v);
      if (!Number.isNaN(t.getTime())) return localTime(t);
    }
    return VALUE_NAMES[v] ?? v;
  }
  if (Array.isArray(v)) return v.length ? v.map(auditValueText).join(', ') : '—';
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${fieldName(k)}: ${fieldValueText(k, x)}`)
      .join('; ');
  return String(v);
}

/** A field's value as a person reads it: an operation's name in Russian, the rest by `auditValueText`. */
export function fieldValueText(key: string, v: unknown): string {
  return key === 'channel' && typeof v === 'string' ? channelName(v) : auditValueText(v);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment in the machine's local time: «02.12.2026 14:05:09». */
export function localTime(d: Date): string {
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** One line of a change: the field's Russian label, the value before and after, already readable. */
export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** «поле: было → стало»; a created value «поле: стало», a removed one «поле: было → —». */
export function changeLine(c: AuditChange): string {
  if (c.before === null) return `${c.field}: ${c.after ?? '—'}`;
  return `${c.field}: ${c.before} → ${c.after ?? '—'}`;
}

export function roleNames(roles: readonly string[]): string {
  return roles.map((r) => ROLE_NAMES[r as Role] ?? r).join(', ');
}
