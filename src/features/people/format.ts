/** How the person index shows ages and names. */
import { londonToday } from '../../platform/dates.ts';

/** Whole years (or months under two) between a date of birth and today, as words. */
export function ageOf(dateOfBirth: string | null, unborn = false, today = londonToday()): string {
  if (unborn) return 'Unborn';
  if (!dateOfBirth) return 'Not known';
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let months = (ty - by) * 12 + (tm - bm);
  if (td < bd) months--;
  if (months < 0) return 'Not known';
  if (months < 24) return months === 1 ? '1 month' : `${months} months`;
  const years = Math.floor(months / 12);
  return `${years} years`;
}

export function fullName(p: { givenName: string; familyName: string }): string {
  return [p.givenName, p.familyName].filter(Boolean).join(' ');
}
