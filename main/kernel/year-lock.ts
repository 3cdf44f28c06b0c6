import { AppError } from '../../db/index';
import { YEAR_CLOSED } from '../../db/migrations/0014_year_close';

// A closed year is read-only in one place: the database's triggers (db/migrations/0014_year_close.ts) refuse every
// write of a row that belongs to a closed year. This turns their refusal into the message every way in shows.

export const YEAR_CLOSED_MESSAGE =
  'Учебный год закрыт: его записи только для чтения. Изменить их можно, только если директор откроет год заново, указав причину.';

/** The trigger's refusal, however the driver wrapped it. */
export function isYearClosedError(e: unknown): boolean {
  return e instanceof Error && !(e instanceof AppError) && e.message.includes(YEAR_CLOSED);
}

/** The refusal as `LOCKED`, or the error unchanged. */
export function asYearLocked(e: unknown): unknown {
  return isYearClosedError(e) ? new AppError('LOCKED', YEAR_CLOSED_MESSAGE) : e;
}
