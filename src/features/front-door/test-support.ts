// Helpers for the front door's tests (imported by *.test.ts only).
import assert from 'node:assert/strict';
import type { Db } from '../../db/index.ts';
import type { Client, TestApp } from '../../../test/helpers/app.ts';
import type { ChildData, ReferralInput } from './referrals/data.ts';

/** A valid NHS number from nine digits (the tenth is the modulus 11 check digit). */
export function nhs(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) throw new Error(`no NHS number starts ${nine}`);
  return `${nine}${check === 11 ? 0 : check}`;
}

/** Another user like a demo user (same agency, team and roles). */
export async function userLike(t: TestApp, key: string, email: string, name: string): Promise<string> {
  const [row] = await t.db.query<{ id: string }>(
    `insert into app_user (partnership_id, agency_id, team_id, email, display_name, roles, is_demo)
     select partnership_id, agency_id, team_id, $2, $3, roles, true from app_user where id = $1 returning id`,
    [t.org.users[key], email, name],
  );
  return row!.id;
}

export async function chronologyEntry(
  db: Db,
  partnershipId: string,
  personId: string,
  agencyId: string,
  e: { category: string; summary: string; visibility?: string; on?: string },
): Promise<void> {
  await db.query(
    `insert into chronology_entry (partnership_id, person_id, occurred_on, source_agency_id, category, significance,
       visibility, summary) values ($1,$2,$3,$4,$5,'high',$6,$7)`,
    [
      partnershipId,
      personId,
      e.on ?? '2025-01-10',
      agencyId,
      e.category,
      e.visibility ?? 'partnership',
      e.summary,
    ],
  );
}

/** A referral about one child, as the services take it; `over` changes any other part. */
export function referralAbout(
  child: Pick<ChildData, 'givenName' | 'familyName'> & Partial<ChildData>,
  over: Partial<ReferralInput> = {},
): ReferralInput {
  return {
    children: [
      {
        otherNames: '',
        unborn: false,
        dateOfBirth: null,
        expectedDate: null,
        ageYears: null,
        sex: 'unknown',
        nhsNumber: null,
        upn: null,
        ...child,
      },
    ],
    adults: [],
    address: { known: false },
    concern: 'A concern',
    childSaid: { status: 'not_asked', details: null },
    risks: { status: 'no', details: null },
    consent: { familyAware: true, consent: 'given', reason: null, decidedBy: null },
    referrer: {
      type: 'professional',
      name: 'Rachel Turner',
      jobTitle: 'DSL',
      agencyId: null,
      agencyName: null,
      phone: '01632 960 001',
      email: null,
      relationship: null,
    },
    ...over,
  };
}

export const CHILD_FORM = {
  status: 'born',
  givenName: 'Ellie',
  familyName: 'Marsh',
  otherNames: '',
  'dateOfBirth-day': '4',
  'dateOfBirth-month': '5',
  'dateOfBirth-year': '2016',
  ageYears: '',
  sex: 'female',
  nhsNumber: '',
  upn: '',
};

export const ADULT_FORM = {
  givenName: 'Lee',
  familyName: 'Carter',
  otherNames: '',
  'dateOfBirth-day': '12',
  'dateOfBirth-month': '8',
  'dateOfBirth-year': '1988',
  relationship: 'partner_of_parent',
  relationshipDetail: '',
  livesWithChild: 'yes',
  sex: 'male',
  nhsNumber: '',
};

export const SECTIONS: Record<string, Record<string, string>> = {
  address: { line1: '12 Alder Road', line2: '', town: 'Elmbridge', postcode: 'EL1 2AB' },
  concern: { concern: 'Ellie came to school with bruising to her arm and said Lee grabbed her.' },
  'child-said': { status: 'said', details: 'Lee gets angry and grabs me when mum is at work.' },
  risks: { status: 'no', details: '' },
  consent: {
    familyAware: 'no',
    consent: 'not_sought',
    reason: 'Telling the family could put Ellie at risk tonight.',
    decidedBy: 'Rachel Turner, DSL',
  },
  referrer: {
    name: 'Rachel Turner',
    jobTitle: 'Designated safeguarding lead',
    agencyName: 'Kingsmead Primary School',
    phone: '01632 960 001',
    email: 'dsl@kingsmead.example',
  },
};

export async function startDraft(c: Client, path = '/referrals/new'): Promise<string> {
  const res = await c.post(path, {});
  assert.equal(res.statusCode, 303, `start draft: ${res.statusCode}`);
  const m = /\/referrals\/drafts\/([0-9a-f-]{36})\//.exec(String(res.headers.location));
  assert.ok(m, `draft location ${String(res.headers.location)}`);
  return m![1]!;
}

async function ok(c: Client, url: string, form: Record<string, string>) {
  const res = await c.post(url, form);
  assert.equal(
    res.statusCode,
    303,
    `${url}: ${res.statusCode} ${res.body.match(/govuk-error-summary__list[\s\S]*?<\/ul>/)?.[0] ?? ''}`,
  );
  return res;
}

/** Fills every page of a draft; `skip` leaves pages out, `over` changes a section's answers. */
export async function fillDraft(
  c: Client,
  draftId: string,
  opts: {
    child?: Record<string, string>;
    adults?: Record<string, string>[];
    over?: Record<string, Record<string, string>>;
    skip?: string[];
  } = {},
): Promise<void> {
  const base = `/referrals/drafts/${draftId}`;
  const skip = new Set(opts.skip ?? []);
  if (!skip.has('children')) {
    await ok(c, `${base}/children/add`, { ...CHILD_FORM, ...opts.child });
    await ok(c, `${base}/children/list`, { another: 'no' });
  }
  if (!skip.has('adults')) {
    for (const a of opts.adults ?? [ADULT_FORM]) await ok(c, `${base}/adults/add`, a);
    await ok(c, `${base}/adults/list`, { another: 'no' });
  }
  for (const page of ['address', 'concern', 'child-said', 'risks', 'consent', 'referrer']) {
    if (skip.has(page)) continue;
    await ok(c, `${base}/${page}`, { ...SECTIONS[page], ...opts.over?.[page] });
  }
}

/** Submits a draft; returns the contact id from the confirmation redirect. */
export async function submit(c: Client, draftId: string): Promise<string> {
  const res = await c.post(`/referrals/drafts/${draftId}/check`, {});
  assert.equal(res.statusCode, 303, `submit: ${res.statusCode}`);
  const m = /\/referrals\/([0-9a-f-]{36})\/confirmation/.exec(String(res.headers.location));
  assert.ok(m, `confirmation location ${String(res.headers.location)}`);
  return m![1]!;
}
