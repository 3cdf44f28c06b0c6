import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useYearDay } from './YearDatePicker';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(customParseFormat);

/** A date picker whose value is the ISO text the core stores (YYYY-MM-DD); typed as ДД.ММ.ГГГГ. */
export function DateField({
  value,
  onChange,
  id,
  ...rest
}: {
  value?: string | null;
  onChange?(v: string | null): void;
  id?: string;
  placeholder?: string;
  'aria-label'?: string;
}) {
  const day = useYearDay();
  return (
    <DatePicker
      id={id}
      defaultPickerValue={day}
      format="DD.MM.YYYY"
      value={value ? dayjs(value, 'YYYY-MM-DD') : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      placeholder={rest.placeholder ?? 'ДД.ММ.ГГГГ'}
      aria-label={rest['aria-label']}
      style={{ width: 150 }}
    />
  );
}

export function ruDate(iso: string | null | undefined): string {
  return iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : '';
}
