/** What the matcher compares: a person as a referral or the index knows them, and its prepared form. */
import { normaliseNhsNumber } from '../../../platform/identifiers.ts';
import { normaliseName } from '../../../platform/names.ts';
import { normaliseText, phonetic } from './strings.ts';

export interface MatchName {
  given?: string | null;
  family?: string | null;
}

export interface MatchAddress {
  line1?: string | null;
  line2?: string | null;
  town?: string | null;
  postcode?: string | null;
}

/** Someone living with the person (name, and date of birth when known). */
export interface MatchHouseholdMember {
  given?: string | null;
  family?: string | null;
  dob?: string | null;
}

export interface MatchRecord {
  id: string;
  /** The current name first, then aliases and former names. */
  names: MatchName[];
  /** 'YYYY-MM-DD', or partial: 'YYYY-MM' or 'YYYY'. */
  dob?: string | null;
  sex?: string | null;
  nhsNumber?: string | null;
  upn?: string | null;
  /** Another reference the sources share (council ID, a file's own person number). */
  localId?: string | null;
  email?: string | null;
  addresses?: MatchAddress[];
  household?: MatchHouseholdMember[];
}

export interface PreparedName {
  given: string;
  /** First word of the given name ("mary jane" gives "mary"). */
  givenFirst: string;
  /** Every word of the given name. */
  givenAll: string[];
  family: string;
  /** Parts of a hyphenated or double-barrelled family name, when there are several. */
  familyParts: string[];
  givenCodes: readonly [string, string];
  familyCodes: readonly [string, string];
}

export interface PreparedDob {
  year?: number;
  month?: number;
  day?: number;
  /** 'YYYYMMDD' when the date is complete. */
  digits?: string;
}

export interface PreparedAddress {
  line: string;
  line2: string;
  town: string;
  postcode: string;
  /** UK postcodes: outward code ("NR10") and sector ("NR10 3"). */
  district: string;
  sector: string;
}

export interface PreparedMember {
  given: string;
  family: string;
  givenCode: string;
  familyCode: string;
  year?: number;
}

export interface PreparedRecord {
  id: string;
  names: PreparedName[];
  dob?: PreparedDob;
  sex?: 'f' | 'm';
  nhs?: string;
  upn?: string;
  localId?: string;
  email?: string;
  addresses: PreparedAddress[];
  household: PreparedMember[];
}

function splitGiven(raw: string): { given: string; first: string; all: string[] } {
  const words = raw
    .split(/[\s-]+/)
    .map(normaliseName)
    .filter(Boolean);
  return { given: words.join(''), first: words[0] ?? '', all: words };
}

export function prepareName(n: MatchName): PreparedName | undefined {
  const { given, first, all } = splitGiven(n.given ?? '');
  const family = normaliseName(n.family ?? '');
  if (!given && !family) return undefined;
  const parts = (n.family ?? '')
    .split(/[\s-]+/)
    .map(normaliseName)
    .filter((p) => p.length > 1);
  return {
    given: first ? given : '',
    givenFirst: first,
    givenAll: all,
    family,
    familyParts: parts.length > 1 ? parts : [],
    givenCodes: phonetic(first),
    familyCodes: phonetic(family),
  };
}

/** Parses a full or partial date; impossible dates count as missing. */
export function prepareDob(s: string | null | undefined): PreparedDob | undefined {
  if (!s) return undefined;
  const m = /^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?$/.exec(s.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : undefined;
  const day = m[3] ? Number(m[3]) : undefined;
  if (year < 1850 || year > 2200) return undefined;
  if (month !== undefined && (month < 1 || month > 12)) return { year };
  const lastDay = month === undefined ? 31 : new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day !== undefined && (day < 1 || day > lastDay)) return { year, month };
  const dob: PreparedDob = { year, month, day };
  if (month !== undefined && day !== undefined) dob.digits = `${m[1]}${m[2]}${m[3]}`;
  return dob;
}

function prepareSex(s: string | null | undefined): 'f' | 'm' | undefined {
  const v = (s ?? '').trim().toLowerCase();
  if (v === 'f' || v === 'female') return 'f';
  if (v === 'm' || v === 'male') return 'm';
  return undefined;
}

const UK_POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)(\d)[A-Z]{2}$/;

export function prepareAddress(a: MatchAddress): PreparedAddress | undefined {
  const compact = (a.postcode ?? '').replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  const postcode = compact.length >= 3 ? compact : '';
  const uk = UK_POSTCODE.exec(postcode);
  const address: PreparedAddress = {
    line: normaliseText(a.line1 ?? ''),
    line2: normaliseText(a.line2 ?? ''),
    town: normaliseText(a.town ?? ''),
    postcode,
    district: uk ? (uk[1] as string) : '',
    sector: uk ? `${uk[1]} ${uk[2]}` : '',
  };
  return address.line || address.line2 || address.town || address.postcode ? address : undefined;
}

function clean(s: string | null | undefined, pattern: RegExp): string | undefined {
  const v = (s ?? '').replace(pattern, '').toUpperCase();
  return v || undefined;
}

export function prepare(r: MatchRecord): PreparedRecord {
  const names = r.names.map(prepareName).filter((n): n is PreparedName => n !== undefined);
  const household: PreparedMember[] = [];
  for (const h of r.household ?? []) {
    const n = prepareName(h);
    if (!n || !n.givenFirst || !n.family) continue;
    household.push({
      given: n.givenFirst,
      family: n.family,
      givenCode: n.givenCodes[0],
      familyCode: n.familyCodes[0],
      year: prepareDob(h.dob)?.year,
    });
  }
  const email = (r.email ?? '').trim().toLowerCase();
  return {
    id: r.id,
    names,
    dob: prepareDob(r.dob),
    sex: prepareSex(r.sex),
    nhs: r.nhsNumber ? normaliseNhsNumber(r.nhsNumber) : undefined,
    upn: /^[A-Z0-9]{13}$/.test(clean(r.upn, /\s/g) ?? '') ? clean(r.upn, /\s/g) : undefined,
    localId: clean(r.localId, /[\s-]/g),
    email: email || undefined,
    addresses: (r.addresses ?? []).map(prepareAddress).filter((a): a is PreparedAddress => a !== undefined),
    household,
  };
}
