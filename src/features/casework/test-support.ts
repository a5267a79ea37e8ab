// Fixtures for the casework tests (imported by *.test.ts only).
import type { TestDb } from '../../../test/helpers/app.ts';
import { insertPerson, involve } from '../../../test/helpers/people.ts';
import { countRows, insertedId } from '../../../test/helpers/rows.ts';
import { demoActor, type DemoOrganisation } from '../../demo/organisation.ts';
import { authoriseAssessment, submitAssessment } from './assessments.ts';
import type { AssessmentSubmit, Strategy, VoiceFields } from './schemas.ts';
import {
  recordSection47Outcome,
  recordStrategyDiscussion,
  signOffSection47,
  startSection47,
} from './section-47.ts';

/** A child the council is involved with (so its social workers and managers may see the record). */
export async function makeChild(
  t: TestDb,
  given = 'Ellie',
  opts: { involved?: boolean } = {},
): Promise<string> {
  const id = await insertPerson(t, { given, family: 'Marsh', dob: '2016-05-04' });
  if (opts.involved ?? true) await involve(t, id, 'council', { role: 'allocated team' });
  return id;
}

/** A referral handed on by the front door (a decided contact and its referral row). */
export async function makeReferral(
  { db, org }: TestDb,
  personId: string,
  referralDate: string,
  decision = 'section_17',
): Promise<string> {
  const contact = await insertedId(
    db,
    `insert into contact (partnership_id, status, decision, decided_at) values ($1, 'decided', $2, now()) returning id`,
    [org.partnershipId, decision],
  );
  await db.query('insert into contact_person (contact_id, person_id, partnership_id) values ($1,$2,$3)', [
    contact,
    personId,
    org.partnershipId,
  ]);
  return insertedId(
    db,
    `insert into referral (partnership_id, contact_id, person_id, decision, referral_date, received_at)
     values ($1,$2,$3,$4,$5, now()) returning id`,
    [org.partnershipId, contact, personId, decision, referralDate],
  );
}

/** How many rows of a casework table are about the child. */
export const rowsAbout = (t: TestDb, table: string, personId: string): Promise<number> =>
  countRows(t.db, `${table} where person_id = $1`, [personId]);

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

/**
 * The casework services one step at a time, as the demo social worker (the team manager for the
 * manager's decisions), with the answers of the journey test; `over` changes any of them.
 */
export function caseworkSteps(t: TestDb) {
  const sw = () => demoActor(t.org, 'sw');
  const tm = () => demoActor(t.org, 'tm');
  return {
    strategy: (child: string, heldOn: string, over: Partial<Strategy> = {}) =>
      recordStrategyDiscussion(t.db, sw(), child, {
        heldOn,
        agencies: agencyIds(t.org, 'council', 'police'),
        participants: 'Hannah Price (social worker), DC Jones (police)',
        decision: 'section_47',
        rationale: 'Bruising on the arm, explanation inconsistent.',
        ...over,
      }),
    /** A section 47 enquiry that finds the child likely to suffer significant harm: a conference is needed. */
    async enquiry(
      child: string,
      startDate: string,
      outcomeDate: string,
      over: Partial<Parameters<typeof recordSection47Outcome>[3]> = {},
    ) {
      await startSection47(t.db, sw(), child, { startDate });
      await recordSection47Outcome(t.db, sw(), child, {
        outcome: 'substantiated_at_risk',
        conferenceNeeded: true,
        outcomeDate,
        outcomeNotes: 'Concerns substantiated.',
        ...over,
      });
    },
    signOff: (child: string, decidedOn: string, note = 'Agreed: convene.') =>
      signOffSection47(t.db, tm(), child, { decision: 'agreed', decidedOn, note }),
    assessment: (child: string, completedDate: string, over: Partial<AssessmentSubmit> = {}) =>
      submitAssessment(t.db, sw(), child, {
        factors: ['3B', '16A'],
        ...voice('2024-04-02'),
        analysis: 'Frightened at home.',
        outcome: 'cin_plan',
        completedDate,
        ...over,
      }),
    authorise: (child: string, decidedOn: string, note = 'Thorough.') =>
      authoriseAssessment(t.db, tm(), child, { decision: 'agreed', decidedOn, note }),
  };
}
