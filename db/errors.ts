// The one error type that crosses every layer: a stable code for programs and a Russian message for people.
// It lives in db/ because db is the lowest layer and every other layer may import it.
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
