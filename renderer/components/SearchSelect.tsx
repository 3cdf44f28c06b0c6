import { Select, type SelectProps } from 'antd';
import type { ReactNode } from 'react';
import { matchesSearch } from '../../main/contract/rules/search-match';

// The one searchable picker of the application (classes, journals, people, subjects): typing filters the options with
// the shared matcher of main/contract/rules/search-match.ts — every typed word begins a word of the option, in any
// order, case- and ё-insensitive («5А рус» finds «5А · Русский язык»).

type Option = { label?: ReactNode; title?: string; searchText?: string };

/** The text an option is searched by: its `searchText`, its string label, or its title. */
function optionText(o: Option | undefined): string {
  if (!o) return '';
  if (o.searchText) return o.searchText;
  return typeof o.label === 'string' || typeof o.label === 'number' ? String(o.label) : (o.title ?? '');
}

export function SearchSelect<V = unknown>(props: Omit<SelectProps<V>, 'showSearch' | 'filterOption' | 'optionFilterProp'>) {
  return (
    <Select<V>
      notFoundContent="Ничего не найдено"
      {...props}
      showSearch={{ filterOption: (input, option) => matchesSearch(optionText(option as Option | undefined), input) }}
    />
  );
}
