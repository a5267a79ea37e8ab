// Fixtures for the casework tests (imported by *.test.ts only).
import type { Db } from '../../db/index.ts';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { VoiceFields } from './schemas.ts';

export { demoActor } from '../../demo/organisation.ts';

/** A child the council is involved with (so its social workers and managers may see the record). */
export async function makeChild(
  db: Db,
  org: DemoOrganisation,
  given = 'Ellie',
  opts: { involved?: boolean } = {},
) {
  const [row] = await db.query<{ id: string }>(
    `insert into person (partnership_id, kind, given_name, family_name, date_of_birth)
     values ($1, 'child', $2, 'Marsh', '2016-05-04') returning id`,
    [org.partnershipId, given],
  );
  if (opts.involved ?? true) {
    await db.query(
      `insert into involvement (partnership_id, person_id, agency_id, role, started_on) values ($1,$2,$3,'allocated team','2024-01-01')`,
      [org.partnershipId, row!.id, org.agencies.council],
    );
  }
  return row!.id;
}

/** A referral handed on by the front door (a decided contact and its referral row). */
export async function makeReferral(
  db: Db,
  org: DemoOrganisation,
  personId: string,
  referralDate: string,
  decision = 'section_17',
): Promise<string> {
  const [c] = await db.query<{ id: string }>(
    `insert into contact (partnership_id, status, decision, decided_at) values ($1, 'decided', $2, now()) returning id`,
    [org.partnershipId, decision],
  );
  await db.query('insert into contact_person (contact_id, person_id, partnership_id) values ($1,$2,$3)', [
    c!.id,
    personId,
    org.partnershipId,
  ]);
  const [r] = await db.query<{ id: string }>(
    `insert into referral (partnership_id, contact_id, person_id, decision, referral_date, received_at)
     values ($1,$2,$3,$4,$5, now()) returning id`,
    [org.partnershipId, c!.id, personId, decision, referralDate],
  );
  return r!.id;
}

/** The three parts of a GOV.UK date input for an ISO date. */
export function dateParts(prefix: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y!,
  };
}

const WORDS = 'I like it when Nan picks me up. I don’t like the shouting.';

/** The child's voice, heard on a date, as a service takes it. */
export function voice(iso: string, words = WORDS): { voice: VoiceFields } {
  return {
    voice: {
      words,
      methods: ['seen_alone', 'drawing'],
      gatheredBy: 'Hannah Price, social worker',
      gatheredOn: iso,
    },
  };
}

/** The same, as a page's form posts it. */
export function voiceForm(iso: string, words = WORDS): Record<string, string | string[]> {
  return {
    'voice-words': words,
    'voice-methods': ['seen_alone', 'drawing'],
    'voice-gatheredBy': 'Hannah Price, social worker',
    ...dateParts('voice-gatheredOn', iso),
  };
}

/** Input a service's type would not take: a direct call must refuse it as the schema does. */
export const bad = (input: Record<string, unknown>) => input as never;

export function agencyIds(org: DemoOrganisation, ...keys: string[]): string[] {
  return keys.map((k) => org.agencies[k]!);
}

export async function auditCount(db: Db, personId: string, action: string): Promise<number> {
  const [r] = await db.query<{ n: number }>(
    'select count(*)::int as n from audit_event where person_id = $1 and action = $2',
    [personId, action],
  );
  return r!.n;
}
