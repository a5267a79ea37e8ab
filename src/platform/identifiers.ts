/** National identifiers: NHS number (modulus 11), Unique Pupil Number (check letter), UK postcode. */

/** Digits only, or undefined when the input is not 10 digits once spaces and hyphens go. */
export function normaliseNhsNumber(input: string): string | undefined {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{10}$/.test(digits) ? digits : undefined;
}

export function isValidNhsNumber(input: string): boolean {
  const n = normaliseNhsNumber(input);
  if (!n) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(n[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(n[9]);
}

const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** The check letter for the 12 characters after it, or undefined when they are not well formed. */
export function upnCheckLetter(rest: string): string | undefined {
  if (!/^\d{11}[\dABCDEFGHJKLMNPQRTUVWXYZ]$/.test(rest)) return undefined;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = rest[i] as string;
    const value = /\d/.test(ch) ? Number(ch) : UPN_LETTERS.indexOf(ch);
    sum += value * (i + 2);
  }
  return UPN_LETTERS[sum % 23];
}

export function normaliseUpn(input: string): string {
  return input.replace(/\s/g, '').toUpperCase();
}

export function isValidUpn(input: string): boolean {
  const upn = normaliseUpn(input);
  // Characters 2-4 are the DfE local authority code; 000 belongs to no authority.
  return upn.length === 13 && upn.slice(1, 4) !== '000' && upnCheckLetter(upn.slice(1)) === upn[0];
}

// The shape of a UK postcode (outward code, inward code), as Royal Mail formats them.
const POSTCODE =
  /^(GIR ?0AA|(?:[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRV-Y\d]?)) ?\d[ABD-HJLNP-UW-Z]{2})$/;

/** Upper case, one space before the inward code: "nr103ez" becomes "NR10 3EZ". */
export function formatPostcode(input: string): string {
  const compact = input.replace(/\s/g, '').toUpperCase();
  return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

export function isValidPostcode(input: string): boolean {
  return POSTCODE.test(formatPostcode(input));
}

/** Search key: upper case without spaces. */
export function postcodeKey(input: string): string {
  return input.replace(/\s/g, '').toUpperCase();
}

/** What is wrong with an NHS number as typed, in the one message for each fault; undefined when right. */
export function nhsNumberProblem(raw: string): string | undefined {
  if (!normaliseNhsNumber(raw)) return 'NHS number must be 10 digits, like 485 777 3456';
  if (!isValidNhsNumber(raw))
    return 'Enter a valid NHS number: its last digit (the check digit) does not match the first nine, so a digit may be mistyped';
  return undefined;
}

/** What is wrong with a unique pupil number as typed, in the one message for each fault. */
export function upnProblem(raw: string): string | undefined {
  const upn = normaliseUpn(raw);
  if (!/^[A-Z]\d{11}[0-9A-Z]$/.test(upn))
    return 'Unique pupil number must be 13 characters: a letter, 11 digits, then a digit or letter';
  if (upn.slice(1, 4) === '000') return 'Unique pupil number has no local authority code (characters 2 to 4)';
  if (!isValidUpn(upn))
    return 'Enter a valid unique pupil number: its first letter (the check letter) does not match the rest, so a character may be mistyped';
  return undefined;
}

/** What is wrong with a postcode as typed. */
export function postcodeProblem(raw: string): string | undefined {
  return isValidPostcode(raw) ? undefined : 'Enter a real postcode, like EL1 2AB';
}
