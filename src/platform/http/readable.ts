import { AppError } from '../errors.ts';

// NUL and the other C0 control characters but tab, line feed and carriage return, and DEL.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Refuses URL-encoded text (a query string, a form body) that holds control characters (PostgreSQL
 * text cannot hold NUL) or bytes that are not UTF-8, before anything reads it: 400, as a problem
 * document on the API and a GOV.UK error page on pages.
 */
export function refuseUnreadable(encoded: string): void {
  if (!encoded) return;
  for (const piece of encoded.split(/[&=]/)) {
    let text: string;
    try {
      text = decodeURIComponent(piece.replace(/\+/g, ' '));
    } catch {
      throw unreadable();
    }
    if (CONTROL.test(text)) throw unreadable();
  }
}

/** Refuses a decoded body that holds NUL (JSON bodies arrive decoded). */
export function refuseNul(value: unknown): void {
  if (JSON.stringify(value).includes('\\u0000')) throw unreadable();
}

function unreadable(): AppError {
  return new AppError(
    400,
    'Bad request',
    'What you sent contains characters this service cannot read (control characters or text that is not UTF-8). Remove them and try again.',
  );
}
