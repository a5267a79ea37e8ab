import { ValidationError, type FieldError } from '../../platform/errors.ts';

/** The field errors of a ValidationError; anything else is rethrown. */
export function fieldErrors(err: unknown): FieldError[] {
  if (err instanceof ValidationError) return err.errors;
  throw err;
}

/** A 6-digit code from an authenticator app; spaces and hyphens people type are ignored. */
export function parseCode(body: unknown): string {
  const raw = (body as Record<string, unknown> | undefined)?.code;
  const code = typeof raw === 'string' ? raw.replace(/[\s-]/g, '') : '';
  let message: string | undefined;
  if (!code) message = 'Enter the 6-digit code from your authenticator app';
  else if (!/^\d+$/.test(code)) message = 'The code must only include numbers';
  else if (code.length !== 6) message = 'The code must be 6 numbers';
  if (message) throw new ValidationError([{ field: 'code', message }]);
  return code;
}
