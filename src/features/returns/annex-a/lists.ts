/**
 * Annex A lists 1 to 7 for a period as rows of cells in the order of columns.ts: the records read by
 * repository.ts (list 2 from the early help service), codes turned into the template's text.
 */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import * as r from './repository.ts';
import * as code from './codes.ts';
import { ANNEX_A_LISTS, type AnnexList } from './columns.ts';
import { earlyHelpAssessmentsBetween } from '../../early-help/service.ts';
import { withoutJit } from '../repository.ts';

export type Cell = string | number | null;
export interface FilledList {
  list: AnnexList;
  rows: Cell[][];
}

function ageOn(birth: string | null, on: string): number | null {
  if (!birth) return null;
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

/** The five columns every list starts with. */
function child(row: r.ChildCells, to: string): Cell[] {
  return [
    row.child_id,
    row.unborn ? code.GENDER.unknown! : (code.GENDER[row.sex] ?? code.GENDER.unknown!),
    (row.ethnicity && code.ETHNICITY[row.ethnicity]) || code.NOT_OBTAINED,
    row.date_of_birth,
    ageOn(row.date_of_birth, to),
  ];
}
const allocated = (row: r.Row): Cell[] => [row.team ?? null, row.worker ?? null];
const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export async function annexALists(
  db: Db,
  actor: Pick<Actor, 'partnershipId'>,
  from: string,
  to: string,
  sourceOf: (referrerType: string, agencyKind: string | null) => string,
): Promise<FilledList[]> {
  const pid = actor.partnershipId;
  // One after another on one connection, without JIT (withoutJit says why).
  const read = await withoutJit(db, async (tx) => ({
    contacts: await r.contactRows(tx, pid, from, to),
    early: await earlyHelpAssessmentsBetween(tx, pid, from, to),
    referrals: await r.referralRows(tx, pid, from, to),
    assessments: await r.assessmentRows(tx, pid, from, to),
    s47s: await r.section47Rows(tx, pid, from, to),
    cin: await r.childInNeedRows(tx, pid, from, to),
    cp: await r.protectionRows(tx, pid, from, to),
  }));
  const { contacts, early, referrals, assessments, s47s, cin, cp } = read;
  const people = new Map(
    (await r.personRows(db, pid, [...new Set(early.map((e) => e.personId))])).map((p) => [p.id, p]),
  );
  const source = (row: r.Row) =>
    code.SOURCE[s(row.referral_source) ?? sourceOf(String(row.referrer_type), s(row.agency_kind))] ??
    code.SOURCE['10']!;
  const rows: Cell[][][] = [
    contacts.map((x) => [...child(x, to), s(x.contact_date), source(x)]),
    early.flatMap((e) => {
      const p = people.get(e.personId);
      return p ? [[...child(p, to), e.assessmentStarted, e.assessmentCompleted, e.leadAgencyName]] : [];
    }),
    referrals.map((x) => [
      ...child(x, to),
      s(x.referral_date),
      source(x),
      code.NO,
      Number(x.in_last_year),
      ...allocated(x),
    ]),
    assessments.map((x) => [
      ...child(x, to),
      code.disability(x.disability),
      s(x.start_date),
      code.yesNo(x.seen as boolean),
      s(x.authorised_date),
      x.authorised_date && x.outcome ? code.yesNo(code.SUPPORT_OUTCOMES.has(String(x.outcome))) : null,
      ...allocated(x),
    ]),
    s47s.map((x) => [
      ...child(x, to),
      code.disability(x.disability),
      s(x.strategy_date),
      x.conference_needed === null ? null : code.yesNo(x.conference_needed === false),
      s(x.icpc_date),
      x.icpc_date ? code.yesNo(x.icpc_decision === 'plan') : null,
      Number(x.s47s),
      Number(x.icpcs),
      ...allocated(x),
    ]),
    cin.map((x) => [
      ...child(x, to),
      code.disability(x.disability),
      s(x.referral_date),
      code.PRIMARY_NEED[String(x.primary_need)] ?? null,
      s(x.last_seen),
      s(x.closure_date),
      x.closure_reason ? (code.CLOSURE[String(x.closure_reason)] ?? null) : null,
      code.CASE_STATUS[String(x.status)] ?? null,
      ...allocated(x),
    ]),
    cp.map((x) => [
      ...child(x, to),
      code.disability(x.disability),
      s(x.start_date),
      code.ABUSE[String(x.initial_category)] ?? null,
      code.ABUSE[String(x.latest_category)] ?? null,
      s(x.last_visit),
      x.last_visit ? code.yesNo(x.seen_alone as boolean) : null,
      s(x.last_review),
      s(x.end_date),
      code.yesNo(x.protected as boolean),
      Number(x.previous_plans),
      ...allocated(x),
    ]),
  ];
  return ANNEX_A_LISTS.map((list, i) => ({ list, rows: rows[i]! }));
}
