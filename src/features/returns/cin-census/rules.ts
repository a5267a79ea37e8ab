/**
 * The CIN census validator: the DfE rules (rule-messages.ts) that the census's own data can answer,
 * run over a census built from the records or read from a file. Each failure names the child (the LA
 * child ID) and the rule; an error (a code without Q) stops the return until it is fixed, a query asks
 * for a check. Rules about one child run child by child; the few about the whole return (la_level)
 * run once at the end.
 */
import { addDays, weekday, workingDaysBetween } from '../../../platform/calendar.ts';
import { isValidUpn } from '../../../platform/identifiers.ts';
import type { CinCensus, CinChild, CinEpisode } from './model.ts';
import { CIN_RULES } from './rule-messages.ts';
import * as codes from './codes.ts';

export interface CensusFailure {
  code: string;
  kind: 'error' | 'query';
  /** The LA child ID as returned, or "child n" when the return has none; empty for the return as a whole. */
  childId: string;
  message: string;
  personId?: string;
  episodeId?: string;
  /** The referral date of the episode the failure is in (to find it in the child's casework). */
  episodeReferral?: string;
}

export interface CensusPeriod {
  start: string;
  end: string;
}

/** The census year a return's Year names: 1 April of the year before to 31 March of Year. */
export function periodOfReturn(year: number): CensusPeriod {
  return { start: `${year - 1}-04-01`, end: `${year}-03-31` };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string | undefined): s is string => !!s && DATE.test(s);
const within = (d: string, p: CensusPeriod) => d >= p.start && d <= p.end;
const weekend = (d: string) => weekday(d) === 0 || weekday(d) === 6;
/** Whole years between two dates. */
function ageOn(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}
/** Do two date ranges (an open end runs on) overlap by more than a shared end and start day? */
function overlap(a: { s: string; e?: string }, b: { s: string; e?: string }): boolean {
  return a.s < (b.e ?? '9999-12-31') && b.s < (a.e ?? '9999-12-31');
}
function duplicates(values: string[]): boolean {
  return new Set(values).size !== values.length;
}

export function validateCensus(census: CinCensus): CensusFailure[] {
  const failures: CensusFailure[] = [];
  const year = census.year ?? 0;
  const period = periodOfReturn(year);
  const push = (
    code: string,
    childId: string,
    ids: { personId?: string; episodeId?: string; episodeReferral?: string } = {},
  ) => {
    failures.push({
      code,
      kind: code.endsWith('Q') ? 'query' : 'error',
      childId,
      message: CIN_RULES[code] ?? code,
      ...(ids.personId && { personId: ids.personId }),
      ...(ids.episodeId && { episodeId: ids.episodeId }),
      ...(ids.episodeReferral && { episodeReferral: ids.episodeReferral }),
    });
  };
  if (census.referenceDate !== `${year}-03-31`) push('100', '');

  const laIds = new Map<string, number>();
  const upns = new Map<string, number>();
  for (const c of census.children) {
    if (c.laChildId) laIds.set(c.laChildId, (laIds.get(c.laChildId) ?? 0) + 1);
    if (c.upn) upns.set(c.upn, (upns.get(c.upn) ?? 0) + 1);
  }
  census.children.forEach((child, i) => {
    const id = child.laChildId ?? `child ${i + 1}`;
    const fail = (code: string, episode?: CinEpisode) =>
      push(code, id, {
        ...(child.personId && { personId: child.personId }),
        ...(episode?.episodeId && { episodeId: episode.episodeId }),
        ...(episode?.referralDate && { episodeReferral: episode.referralDate }),
      });
    childRules(child, period, fail, {
      duplicateLaId: !!child.laChildId && (laIds.get(child.laChildId) ?? 0) > 1,
      duplicateUpn: !!child.upn && (upns.get(child.upn) ?? 0) > 1,
    });
  });
  returnRules(census, period, (code) => push(code, ''));
  return failures;
}

type Fail = (code: string, episode?: CinEpisode) => void;

function childRules(
  c: CinChild,
  period: CensusPeriod,
  fail: Fail,
  seen: { duplicateLaId: boolean; duplicateUpn: boolean },
): void {
  if (!c.laChildId) fail('8500');
  else {
    if (c.laChildId.length > 20) fail('1570');
    if (!/^[A-Za-z0-9]+$/.test(c.laChildId)) fail('1580');
  }
  if (seen.duplicateLaId) fail('8510');
  if (seen.duplicateUpn) fail('1520');
  if (c.upn) {
    const upn = c.upn.toUpperCase();
    if (!/^\d{3}$/.test(upn.slice(1, 4)) || upn.slice(1, 4) === '000') fail('1530');
    if (!/^\d{8}$/.test(upn.slice(4, 12))) fail('1540');
    if (!/^[0-9A-HJ-NPR-Z]$/.test(upn.slice(12, 13)) || upn.length !== 13) fail('1550');
    else if (/^[A-Z]\d{11}[0-9A-Z]$/.test(upn) && !isValidUpn(upn)) fail('1510');
  }
  if (c.formerUpn && !/^[A-Z]\d{11}[0-9A-Z]$/.test(c.formerUpn.toUpperCase())) fail('1560Q');
  if (!c.sex || !codes.SEXES.has(c.sex)) fail('4180');
  if (!c.ethnicity || !codes.ETHNICITIES.has(c.ethnicity)) fail('4220');
  if (c.disabilities.some((d) => !codes.DISABILITIES.has(d))) fail('8540');
  if (c.disabilities.includes('NONE') && c.disabilities.length > 1) fail('8790');
  if (duplicates(c.disabilities)) fail('8794');

  const birth = isDate(c.birthDate) ? c.birthDate : undefined;
  const expected = isDate(c.expectedBirthDate) ? c.expectedBirthDate : undefined;
  const death = isDate(c.deathDate) ? c.deathDate : undefined;
  if (birth && birth > period.end) fail('8520');
  if (!!c.birthDate === !!c.expectedBirthDate) fail('8525Q');
  if (!c.birthDate && expected) {
    if (c.sex !== 'U') fail('8750');
    const censusEndYear = period.end.slice(0, 4);
    if (expected < `${censusEndYear}-03-01` || expected > `${censusEndYear}-12-31`) fail('8530Q');
  }
  if (death && birth && death < birth) fail('8535Q');
  if (death && !within(death, period)) fail('8545Q');
  if (birth && ageOn(birth, period.end) > 25) fail('8775Q');
  if (birth && ageOn(birth, period.end) > 5 && !c.upn && (!c.upnUnknown || c.upnUnknown === 'UN1'))
    fail('8770Q');
  if (c.upnUnknown === 'UN7' && c.episodes.some((e) => e.referralNfa === false)) fail('8772');
  if (c.episodes.length === 0) fail('8590');

  c.episodes.forEach((e) => episodeRules(c, e, period, fail, death, birth ?? expected));

  // Across the child's episodes.
  const withReferral = c.episodes.filter((e) => isDate(e.referralDate));
  const open = withReferral.filter((e) => !e.closureDate && e.referralNfa !== true);
  if (open.length > 1) fail('8815');
  const latest = [...withReferral].sort((a, b) => (a.referralDate! < b.referralDate! ? -1 : 1)).at(-1);
  if (open.some((e) => e !== latest)) fail('8816');
  const ranges = withReferral.map((e) => ({ s: e.referralDate!, e: e.closureDate }));
  if (ranges.some((a, i) => ranges.some((b, j) => j > i && overlap(a, b)))) fail('8820');
  const cpps = c.episodes.flatMap((e) => e.cpPlans).filter((p) => isDate(p.startDate));
  if (cpps.filter((p) => !p.endDate).length > 1) fail('8935');
  const cppRanges = cpps.map((p) => ({ s: p.startDate!, e: p.endDate }));
  if (cppRanges.some((a, i) => cppRanges.some((b, j) => j > i && overlap(a, b)))) fail('8940');
  const cins = c.episodes.flatMap((e) => e.cinPlans).filter((p) => isDate(p.startDate));
  if (cins.filter((p) => !p.endDate).length > 1) fail('4004');
  const cinRanges = cins.map((p) => ({ s: p.startDate!, e: p.endDate }));
  if (cinRanges.some((a, i) => cinRanges.some((b, j) => j > i && overlap(a, b)))) fail('4014');
  if (cinRanges.some((a) => cppRanges.some((b) => overlap(a, b)))) fail('4001');
}

function episodeRules(
  c: CinChild,
  e: CinEpisode,
  period: CensusPeriod,
  childFail: Fail,
  death: string | undefined,
  birth: string | undefined,
): void {
  const fail = (code: string) => childFail(code, e);
  const referral = isDate(e.referralDate) ? e.referralDate : undefined;
  const closure = isDate(e.closureDate) ? e.closureDate : undefined;
  if (!referral || referral > period.end) fail('8600');
  if (referral && birth && referral < addDays(birth, -280)) fail('8606');
  if (!e.referralSource || !codes.REFERRAL_SOURCES.has(e.referralSource)) fail('8866');
  if (e.referralNfa === undefined) fail('8568');
  if (e.referralNfa === false && !e.primaryNeed) fail('8610');
  if (e.primaryNeed && !codes.PRIMARY_NEEDS.has(e.primaryNeed)) fail('8650');
  if (e.closureReason && !codes.CLOSURE_REASONS.has(e.closureReason)) fail('8640');
  if (closure && !within(closure, period)) fail('8620');
  if (closure && referral && closure < referral) fail('8630');
  if (e.closureDate && !e.closureReason) fail('8805');
  if (e.closureReason && !e.closureDate) fail('8810');
  if (referral && death && referral > death) fail('8555Q');
  if (e.closureReason === 'RC2' && !c.deathDate) fail('8585Q');
  if (e.referralNfa && referral && referral < addDays(period.start, -1)) fail('8569Q');
  const activity = e.assessments.length + e.section47s.length + e.cinPlans.length + e.cpPlans.length;
  if (e.referralNfa && activity > 0) fail('8831');
  if (e.referralNfa && e.cpPlans.length > 0) fail('8832');
  if (e.referralNfa && e.cinPlans.length > 0) fail('4000');
  const afterAssessment = e.closureReason === 'RC8' || e.closureReason === 'RC9';
  if (afterAssessment && e.assessments.length === 0) fail('8825Q');
  if (afterAssessment && e.section47s.length + e.cinPlans.length + e.cpPlans.length > 0) fail('2990');
  if (e.section47s.length > 0 && e.assessments.length === 0) fail('2991Q');

  // Assessments.
  const openAssessments = e.assessments.filter((a) => !a.authorisationDate);
  if (openAssessments.length > 1) fail('8896');
  const starts = e.assessments.filter((a) => isDate(a.startDate));
  const startsDuring = (a: (typeof starts)[number], b: (typeof starts)[number]) =>
    a !== b && a.startDate! > b.startDate! && (!b.authorisationDate || a.startDate! < b.authorisationDate);
  if (starts.some((a) => starts.some((b) => startsDuring(a, b)))) fail('8863Q');
  if (closure && openAssessments.length > 0) fail('8867');
  for (const a of e.assessments) {
    const start = isDate(a.startDate) ? a.startDate : undefined;
    const end = isDate(a.authorisationDate) ? a.authorisationDate : undefined;
    if (start && referral && start < referral) fail('1103');
    if (start && end && start > end) fail('8608');
    if (end && !within(end, period)) fail('8696');
    if (!end && start && !within(start, period)) fail('8736');
    if (!end && start && start <= period.end && workingDaysBetween(start, period.end) > 45) fail('8670Q');
    if (end && a.factors.length === 0) fail('8897Q');
    if (!end && a.factors.length > 0) fail('8614');
    if (a.factors.includes('21') && a.factors.length > 1) fail('8869');
    if (duplicates(a.factors)) fail('8898');
    if (a.factors.includes('18A')) fail('8945Q');
    if (a.factors.includes('19A')) fail('8950Q');
  }
  if (
    e.assessments.length === 1 &&
    e.assessments[0]!.authorisationDate &&
    e.assessments[0]!.factors.join() === '21' &&
    e.closureReason &&
    !afterAssessment
  )
    fail('8873Q');

  // Child in need plans.
  for (const p of e.cinPlans) {
    const start = isDate(p.startDate) ? p.startDate : undefined;
    const end = isDate(p.endDate) ? p.endDate : undefined;
    if (!start || start > period.end) fail('4010');
    if (start && referral && start < referral) fail('4015');
    if (start && end && end < start) fail('4011');
    if (start && end && end === start) fail('4012Q');
    if (end && !within(end, period)) fail('4013');
    if (start && death && start > death) fail('4008');
    if (end && death && end > death) fail('4009Q');
  }

  // Section 47 enquiries and initial conferences.
  const openS47 = e.section47s.filter((s) => !s.dateOfInitialCpc && !s.icpcNotRequired);
  if (openS47.length > 1) fail('8839');
  if (closure && openS47.length > 0) fail('8868');
  if (e.dateOfInitialCpc && e.section47s.some((s) => s.dateOfInitialCpc)) fail('2884');
  const icpcs: string[] = [];
  if (isDate(e.dateOfInitialCpc)) icpcs.push(e.dateOfInitialCpc);
  for (const s of e.section47s) {
    const start = isDate(s.startDate) ? s.startDate : undefined;
    const icpc = isDate(s.dateOfInitialCpc) ? s.dateOfInitialCpc : undefined;
    if (icpc) icpcs.push(icpc);
    if (start && referral && start < referral) fail('2889');
    if (!start || (icpc && start > icpc)) fail('8615');
    if (icpc && !within(icpc, period)) fail('8715');
    if (icpc && weekend(icpc)) fail('8875');
    if (isDate(s.initialCpcTarget) && weekend(s.initialCpcTarget)) fail('8870Q');
    if (!icpc && !s.icpcNotRequired && start && !within(start, period)) fail('8740');
    if (
      !icpc &&
      !s.icpcNotRequired &&
      start &&
      start <= period.end &&
      workingDaysBetween(start, period.end) > 15
    )
      fail('8675Q');
  }
  for (const icpc of icpcs) if (referral && icpc < referral) fail('1104');

  // Child protection plans.
  for (const p of e.cpPlans) {
    const start = isDate(p.startDate) ? p.startDate : undefined;
    const end = isDate(p.endDate) ? p.endDate : undefined;
    if (!start || start > period.end) fail('8720');
    if (p.previousPlans === undefined) fail('8730');
    if (!p.initialCategory || !codes.ABUSE_CATEGORIES.has(p.initialCategory)) fail('8905');
    if (!p.latestCategory || !codes.ABUSE_CATEGORIES.has(p.latestCategory)) fail('8910');
    if (start && referral && start < referral) fail('1105');
    if (start && end && end < start) fail('8925');
    if (start && end && end === start) fail('8840');
    if (end && !within(end, period)) fail('8930');
    if (start && death && start > death) fail('8915');
    if (end && death && end > death) fail('8920');
    if (start && closure && start > closure) fail('8565');
    if (start && icpcs.length > 0 && !icpcs.includes(start)) fail('2885');
    if (start && p.reviewDates.some((r) => isDate(r) && r <= start)) fail('8841');
    if (p.reviewDates.some((r) => !isDate(r))) fail('8842Q');
    // A review that ends the plan and steps down to a child in need plan starts that plan on its own
    // day: the review is concurrent only with a child in need plan that was already open.
    const cinOpen = e.cinPlans.filter((c) => isDate(c.startDate));
    if (p.reviewDates.some((r) => cinOpen.some((c) => c.startDate! < r && (!c.endDate || c.endDate >= r))))
      fail('4003');
  }
}

/** Rules about the return as a whole (the DfE's la_level rules). */
function returnRules(census: CinCensus, period: CensusPeriod, fail: (code: string) => void): void {
  const episodes = census.children.flatMap((c) => c.episodes);
  const plansStarting = episodes
    .flatMap((e) => e.cpPlans)
    .filter((p) => isDate(p.startDate) && within(p.startDate, period)).length;
  const icpcs = episodes
    .flatMap((e) => [e.dateOfInitialCpc, ...e.section47s.map((s) => s.dateOfInitialCpc)])
    .filter((d): d is string => isDate(d) && within(d, period)).length;
  if (plansStarting > icpcs) fail('2883');
  const born = census.children.filter((c) => c.birthDate);
  if (born.length > 0 && born.filter((c) => c.sex === 'U').length / born.length > 0.02) fail('2886Q');
  const used = new Set(census.children.flatMap((c) => c.disabilities).filter((d) => d !== 'NONE'));
  if (census.children.length > 0 && used.size < 8) fail('2887Q');
  const disabled = census.children.filter((c) => c.disabilities.some((d) => d !== 'NONE'));
  if (disabled.length > 1 && disabled.every((c) => c.disabilities.length === 1)) fail('2888Q');
}
