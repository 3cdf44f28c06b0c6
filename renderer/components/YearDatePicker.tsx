import { DatePicker, type DatePickerProps } from 'antd';
import type { RangePickerProps } from 'antd/es/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useContext } from 'react';
import { SessionContext, type SessionValue } from '../session';

// Date pickers open on the selected school year: on today when today is inside it, else on its nearest end — a deputy
// looking at last year's journal does not have to page back a year in every calendar.

/** The school's today (ISO) within the selected school year, or today without one. */
export function yearDay(year: { startDate: string; endDate: string } | null | undefined, today: string): string {
  if (!year) return today;
  return today < year.startDate ? year.startDate : today > year.endDate ? year.endDate : today;
}

/** The selected year's «today» as a dayjs value (for a picker's default or the first value of a screen). */
export function useYearDay(): Dayjs {
  const session = useContext(SessionContext);
  return dayjs(yearDay(session?.year, schoolTodayOf(session)));
}

/** Today on the school's clock as a dayjs value (midnight of that day): a screen's first date, «this week». */
export function useSchoolDay(): Dayjs {
  return dayjs(schoolTodayOf(useContext(SessionContext)));
}

/** Outside a session (the login screen) the computer's own day. */
function schoolTodayOf(session: SessionValue | null): string {
  return session ? session.schoolToday() : dayjs().format('YYYY-MM-DD');
}

/** A single-date picker (DD.MM.YYYY) that opens on the selected year. */
export function YearDatePicker({
  onChange,
  ...props
}: Omit<DatePickerProps, 'onChange' | 'multiple' | 'value' | 'defaultValue'> & { value?: Dayjs | null; onChange?(d: Dayjs | null): void }) {
  const day = useYearDay();
  return <DatePicker format="DD.MM.YYYY" defaultPickerValue={day} {...props} onChange={(d) => onChange?.(d as Dayjs | null)} />;
}

export function YearRangePicker(props: RangePickerProps) {
  const day = useYearDay();
  return <DatePicker.RangePicker format="DD.MM.YYYY" defaultPickerValue={[day, day]} {...props} />;
}
