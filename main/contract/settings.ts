import { z } from 'zod';
import { empty } from './fields';
import { SETTING_KEYS, type SettingKey, type SettingKind } from './rules/settings';

// The settings screen (issue 12, part 1): the school's rules with their defaults and sources; each change audited.

export const settingsSchemas = {
  'settings.list': empty,
  'settings.save': z.object({
    key: z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]], { message: 'Такой настройки нет' }),
    // Checked against the setting's own kind by `checkSettingValue` in the service (a Russian message per setting).
    value: z.union([z.number(), z.boolean(), z.string().max(100), z.null()]),
  }),
} as const;

export interface SettingView {
  key: SettingKey;
  group: string;
  label: string;
  source: string;
  kind: SettingKind;
  value: number | boolean | string | null;
  defaultValue: number | boolean | string | null;
  /** The current user may change it here. */
  editable: boolean;
  /** Changed on another screen: its name. */
  editedOn: string | null;
  /** Last change: when and by whom; null while the default applies. */
  changedAt: string | null;
  changedBy: string | null;
}

export interface SettingsOutputs {
  'settings.list': SettingView[];
  'settings.save': SettingView;
}
