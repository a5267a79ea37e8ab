import { Faker, base, en, en_GB } from '@faker-js/faker';
import { isValidPostcode, upnCheckLetter } from '../platform/identifiers.ts';
import { INWARD_LETTERS } from './lists.ts';

/** The fixed seed: the same demo partnership every time. */
export const DEMO_SEED = 20_260_101;

/** Seeded randomness for the demo data (faker, en_GB), with the few helpers the generators use. */
export class Rng {
  readonly faker: Faker;
  constructor(seed = DEMO_SEED) {
    this.faker = new Faker({ locale: [en_GB, en, base], seed });
  }
  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }
  chance(p: number): boolean {
    return this.faker.number.float({ min: 0, max: 1 }) < p;
  }
  pick<T>(items: readonly T[]): T {
    return this.faker.helpers.arrayElement(items as T[]);
  }
  weighted<T>(items: readonly { value: T; weight: number }[]): T {
    return this.faker.helpers.weightedArrayElement(items as { value: T; weight: number }[]);
  }
  uuid(): string {
    return this.faker.string.uuid();
  }
}

// Dates are 'YYYY-MM-DD' strings; arithmetic in UTC so no zone shifts them.
const DAY = 86_400_000;
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}
export function addYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  const md = iso.slice(5) === '02-29' ? '02-28' : iso.slice(5);
  return `${y}-${md}`;
}
export function ageOn(dob: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(dob.slice(0, 4));
  return on.slice(5) < dob.slice(5) ? years - 1 : years;
}
export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
/** A date between from and to inclusive (from when the range is empty). */
export function dateBetween(rng: Rng, from: string, to: string): string {
  const span = daysBetween(from, to);
  return span <= 0 ? from : addDays(from, rng.int(0, span));
}
/** The September a child born on dob starts reception (the school year after their 4th birthday). */
export function receptionYear(dob: string): number {
  const y = Number(dob.slice(0, 4));
  return Number(dob.slice(5, 7)) >= 9 ? y + 5 : y + 4;
}

/** Identifiers that pass the national checks, unique within one seed. */
export class Identifiers {
  private nhsCounter = 0;
  private councilCounter = 0;
  private upnSerials = new Map<string, number>();
  /** An invented local authority code for Elmshire (not 000, which belongs to no authority). */
  static readonly LA_CODE = '998';

  /** A ten-digit NHS number starting with 9, with its modulus 11 check digit. */
  nhs(): string {
    for (;;) {
      const k = this.nhsCounter++;
      // A permutation of 0..10^8-1 scatters the numbers so they do not look sequential.
      const body = `9${String((k * 7919 + 31_337_000) % 100_000_000).padStart(8, '0')}`;
      let sum = 0;
      for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i);
      const check = 11 - (sum % 11);
      if (check === 10) continue;
      return `${body}${check === 11 ? 0 : check}`;
    }
  }

  /** A UPN issued by a school (its DfE establishment number) in a year; undefined when serials run out. */
  upn(establishment: string, year: number): string | undefined {
    const yy = String(year % 100).padStart(2, '0');
    const key = `${establishment}${yy}`;
    const serial = (this.upnSerials.get(key) ?? 0) + 1;
    if (serial > 999) return undefined;
    this.upnSerials.set(key, serial);
    const rest = `${Identifiers.LA_CODE}${establishment}${yy}${String(serial).padStart(3, '0')}`;
    return `${upnCheckLetter(rest)}${rest}`;
  }

  councilId(): string {
    return `EL${String(100_001 + this.councilCounter++).padStart(6, '0')}`;
  }

  static postcode(rng: Rng, district: string): string {
    const code = `${district} ${rng.int(1, 9)}${rng.pick([...INWARD_LETTERS])}${rng.pick([...INWARD_LETTERS])}`;
    if (!isValidPostcode(code)) throw new Error(`demo postcode ${code} is not valid`);
    return code;
  }
}
