import type { Permission } from './roles';
import { isTimeZone, type DeadlineRules } from './entry-deadline';

// The school's rules that regulations set differently: one definition per setting — its default, where the default
// comes from, who may change it and what values it takes. The kernel reads defaults from here, the settings screen
// shows these labels and sources, and `settings.save` validates with `checkSettingValue` (issue 12, part 1).

export type SettingKind =
  | { type: 'int'; min: number; max: number; unit?: string }
  | { type: 'decimal'; min: number; max: number; step: number }
  | { type: 'bool' }
  | { type: 'choice'; options: readonly { value: string; label: string }[] }
  | { type: 'timeZone' }
  /** A staff member, by id (null: nobody named). */
  | { type: 'staff' };

export interface SettingDef<T> {
  group: string;
  label: string;
  /** Where the default comes from: the regulation and its paragraph, or why the program chose it. */
  source: string;
  kind: SettingKind;
  default: T;
  /** Who may change it: the deputy's journal rules or the administrator's security rules. */
  permission: Extract<Permission, 'settings.write' | 'users.manage'>;
  /** Changed on another screen (with its own checks): shown here, not saved here. */
  editedOn?: string;
}

const int = (d: Omit<SettingDef<number>, 'kind'> & { min: number; max: number; unit?: string }): SettingDef<number> => {
  const { min, max, unit, ...rest } = d;
  return { ...rest, kind: { type: 'int', min, max, unit } };
};
const bool = (d: Omit<SettingDef<boolean>, 'kind'>): SettingDef<boolean> => ({ ...d, kind: { type: 'bool' } });

const DEADLINES = 'Сроки записей в журнале';
const MARKS = 'Отметки за период';
const SECURITY = 'Вход и сеансы';
const SCHOOL = 'Школа';

export const SETTING_DEFS = {
  'deadline.topicDays': int({
    group: DEADLINES,
    label: 'Тема урока и отсутствующие: дней после урока (0 — в день урока)',
    source: 'Положение 001, инструкция учителя §3, §7: «по факту в день проведения»',
    default: 0,
    min: 0,
    max: 7,
    unit: 'дн.',
    permission: 'settings.write',
  }),
  'deadline.homeworkMinutes': int({
    group: DEADLINES,
    label: 'Домашнее задание: минут после последнего урока класса в этот день',
    source: 'Положение 001, инструкция учителя §4: «в течение 1,5 часа после окончания занятий в данном классе»',
    default: 90,
    min: 0,
    max: 720,
    unit: 'мин',
    permission: 'settings.write',
  }),
  'deadline.lessonMarkDays': int({
    group: DEADLINES,
    label: 'Отметки за урок: дней после урока (0 — в день урока)',
    source: 'Положение 001, инструкция учителя §2: «во время урока или в течение текущего учебного дня»',
    default: 0,
    min: 0,
    max: 7,
    unit: 'дн.',
    permission: 'settings.write',
  }),
  'deadline.controlWorkDays': int({
    group: DEADLINES,
    label: 'Отметки за контрольную работу: дней после работы',
    source: 'Положение 001, инструкция учителя §9: «в течение 3 дней со дня её проведения»',
    default: 3,
    min: 0,
    max: 14,
    unit: 'дн.',
    permission: 'settings.write',
  }),
  'deadline.writtenWorkDays': int({
    group: DEADLINES,
    label: 'Отметки за письменную работу (диктант, сочинение, изложение): дней после работы',
    source: 'Положение 001, инструкция учителя §10: «в течение одной недели»; Положение 004 §3.5: «не позднее 3-х дней»',
    default: 7,
    min: 0,
    max: 14,
    unit: 'дн.',
    permission: 'settings.write',
  }),
  'deadline.periodMarksWindowDays': int({
    group: DEADLINES,
    label: 'Отметки за период выставляются в последние … дней периода',
    source: 'Положение 001, инструкция учителя §11: «в течение последней недели каждого учебного периода»',
    default: 7,
    min: 1,
    max: 21,
    unit: 'дн.',
    permission: 'settings.write',
  }),
  'deadline.periodMarksDaysBeforeEnd': int({
    group: DEADLINES,
    label: 'Отметки за период: не позднее чем за … дней до конца периода (1 — предпоследний день)',
    source: 'Положение 003 §5.3: «не позднее предпоследнего дня окончания учебного периода»',
    default: 1,
    min: 0,
    max: 7,
    unit: 'дн.',
    permission: 'settings.write',
  }),
  'journal.minMarks': int({
    group: MARKS,
    label: 'Минимум текущих отметок для отметки за период',
    source: 'Положение 003 §5.2: не менее трёх отметок за учебный период',
    default: 3,
    min: 0,
    max: 20,
    permission: 'settings.write',
  }),
  'journal.plusMinus': bool({
    group: MARKS,
    label: 'Отметки с «+» и «−» («4+», «5−»)',
    source: 'Только если их разрешает локальный акт школы; по умолчанию выключено',
    default: false,
    permission: 'settings.write',
  }),
  'journal.useWeights': bool({
    group: MARKS,
    label: 'Средний балл взвешенный (по весам видов работ)',
    source: 'Выбор школы; веса видов работ задаются в справочнике видов работ',
    default: true,
    permission: 'settings.write',
  }),
  'journal.roundFrom': {
    group: MARKS,
    label: 'Предлагаемая отметка округляется вверх от дробной части',
    source: 'Выбор школы: 0,5 — 3,5 → 4; 0,6 — 3,5 → 3, 3,6 → 4',
    kind: { type: 'decimal', min: 0.5, max: 0.9, step: 0.05 },
    default: 0.5,
    permission: 'settings.write',
  } satisfies SettingDef<number> as SettingDef<number>,
  'school.timeZone': {
    group: SCHOOL,
    label: 'Часовой пояс школы (сроки записей считаются по нему)',
    source: 'Сроки в положениях — по местному времени школы',
    kind: { type: 'timeZone' },
    default: 'Europe/Moscow',
    permission: 'settings.write',
  } satisfies SettingDef<string> as SettingDef<string>,
  'print.sided': {
    group: SCHOOL,
    label: 'Печать журналов',
    source: 'На листе заверения указывается число листов: при двусторонней печати лист — две страницы',
    kind: {
      type: 'choice',
      options: [
        { value: 'single', label: 'односторонняя' },
        { value: 'double', label: 'двусторонняя' },
      ],
    },
    default: 'single',
    permission: 'settings.write',
  } satisfies SettingDef<'single' | 'double'> as SettingDef<'single' | 'double'>,
  'school.socialPedagogueStaffId': {
    group: SCHOOL,
    label: 'Социальный педагог (ему передаются сведения об отказе родителей от любой формы информирования)',
    source: 'Положение 004 §3.3–3.4',
    kind: { type: 'staff' },
    default: null,
    permission: 'settings.write',
    editedOn: 'Сотрудники',
  } satisfies SettingDef<number | null> as SettingDef<number | null>,
  'load.maxHoursPerWeek': int({
    group: SCHOOL,
    label: 'Нагрузка учителя выше … ч в неделю отмечается как перегрузка',
    source: 'Ставка учителя — 18 ч в неделю; порог — две ставки',
    default: 36,
    min: 1,
    max: 60,
    unit: 'ч',
    permission: 'settings.write',
  }),
  'controlWorks.perDay': int({
    group: SCHOOL,
    label: 'Контрольных работ у класса в день, не больше',
    source: 'График контрольных работ (ВШК)',
    default: 1,
    min: 1,
    max: 5,
    permission: 'settings.write',
    editedOn: 'Контрольные работы',
  }),
  'controlWorks.perWeek': int({
    group: SCHOOL,
    label: 'Контрольных работ у класса в неделю, не больше',
    source: 'График контрольных работ (ВШК)',
    default: 3,
    min: 1,
    max: 15,
    permission: 'settings.write',
    editedOn: 'Контрольные работы',
  }),
  'auth.idleMinutes': int({
    group: SECURITY,
    label: 'Сеанс закрывается после бездействия, минут',
    source: 'Положение 001 §21: доступ третьих лиц к открытому сеансу недопустим',
    default: 15,
    min: 1,
    max: 240,
    unit: 'мин',
    permission: 'users.manage',
  }),
  'auth.sessionHours': int({
    group: SECURITY,
    label: 'Сеанс заканчивается после входа не позднее чем через, часов',
    source: 'Выбор программы: рабочий день',
    default: 12,
    min: 1,
    max: 24,
    unit: 'ч',
    permission: 'users.manage',
  }),
  'auth.freeAttempts': int({
    group: SECURITY,
    label: 'Неверных паролей без задержки',
    source: 'Выбор программы: защита от подбора пароля',
    default: 3,
    min: 1,
    max: 10,
    permission: 'users.manage',
  }),
  'auth.maxLockMinutes': int({
    group: SECURITY,
    label: 'Наибольшая блокировка входа после неверных паролей, минут',
    source: 'Выбор программы: защита от подбора пароля',
    default: 60,
    min: 1,
    max: 1440,
    unit: 'мин',
    permission: 'users.manage',
  }),
} satisfies Record<string, SettingDef<unknown>>;

export type SettingKey = keyof typeof SETTING_DEFS;
export type SettingValue<K extends SettingKey> = (typeof SETTING_DEFS)[K]['default'];
export const SETTING_KEYS = Object.keys(SETTING_DEFS) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTING_DEFS, key);
}

const ru = (n: number) => String(n).replace('.', ',');

/** Null when `value` fits the setting; otherwise the Russian reason. */
export function checkSettingValue(key: SettingKey, value: unknown): string | null {
  const def: SettingDef<unknown> = SETTING_DEFS[key];
  const k = def.kind;
  switch (k.type) {
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) && value >= k.min && value <= k.max
        ? null
        : `«${def.label}»: целое число от ${k.min} до ${k.max}`;
    case 'decimal':
      return typeof value === 'number' && value >= k.min && value <= k.max && Number.isFinite(value)
        ? null
        : `«${def.label}»: число от ${ru(k.min)} до ${ru(k.max)}`;
    case 'bool':
      return typeof value === 'boolean' ? null : `«${def.label}»: да или нет`;
    case 'choice':
      return k.options.some((o) => o.value === value)
        ? null
        : `«${def.label}»: одно из значений ${k.options.map((o) => `«${o.label}»`).join(', ')}`;
    case 'staff':
      return value === null || (typeof value === 'number' && Number.isInteger(value) && value > 0) ? null : `«${def.label}»: сотрудник`;
    case 'timeZone':
      return typeof value === 'string' && isTimeZone(value) && value.includes('/')
        ? null
        : `«${def.label}»: часовой пояс вида «Europe/Moscow» или «Asia/Omsk»`;
  }
}

export const DEFAULT_DEADLINES: DeadlineRules = {
  topicDays: SETTING_DEFS['deadline.topicDays'].default,
  homeworkMinutes: SETTING_DEFS['deadline.homeworkMinutes'].default,
  lessonMarkDays: SETTING_DEFS['deadline.lessonMarkDays'].default,
  controlWorkDays: SETTING_DEFS['deadline.controlWorkDays'].default,
  writtenWorkDays: SETTING_DEFS['deadline.writtenWorkDays'].default,
};
