import { isUniqueViolation } from '../../db/dialect';
import { AppError } from '../../db/index';

/** Bad input: a clear Russian message, nothing saved. */
export function invalid(problems: string | string[]): never {
  const list = Array.isArray(problems) ? problems : [problems];
  throw new AppError('INVALID', list.join('. '), { problems: list });
}

export function notFound(what: string): never {
  throw new AppError('NOT_FOUND', `${what} не найден(а)`);
}

export function check(problems: string[]): void {
  if (problems.length > 0) invalid(problems);
}

/** Turns a unique index's refusal (either engine) into the message people should see. */
export function uniqueMessage(e: unknown, message: string): never {
  if (isUniqueViolation(e)) invalid(message);
  throw e;
}
