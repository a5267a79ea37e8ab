// Fixtures for the case audit tests (imported by *.test.ts only).
import type { TestDb } from '../../../test/helpers/app.ts';
import { insertPerson } from '../../../test/helpers/people.ts';
import { insertedId } from '../../../test/helpers/rows.ts';
import { DEMO_AGENCIES } from '../../demo/organisation.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { londonToday } from '../../platform/dates.ts';
import { QUESTIONS } from './tool.ts';

/** An agency safeguarding lead made in the database, as an actor. */
export async function makeLead(t: TestDb, agencyKey: string, name: string): Promise<Actor> {
  const agency = DEMO_AGENCIES.find((a) => a.key === agencyKey)!;
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@${agencyKey}.example`;
  const userId = await insertedId(
    t.db,
    `insert into app_user (partnership_id, agency_id, email, display_name, roles)
     values ($1,$2,$3,$4,'{agency_lead}') returning id`,
    [t.org.partnershipId, t.org.agencies[agencyKey], email, name],
  );
  return {
    userId,
    partnershipId: t.org.partnershipId,
    name,
    email,
    agencyId: t.org.agencies[agencyKey]!,
    agencyName: agency.name,
    agencyKind: agency.kind,
    teamId: null,
    roles: ['agency_lead'],
    via: 'web',
  };
}

/** A child born on `dob`, with an open episode (and an open child in need plan) when asked, allocated to a team. */
export async function makeAuditChild(
  t: TestDb,
  family: string,
  dob: string,
  opts: { episode?: boolean; cinPlan?: boolean; teamId?: string; restricted?: boolean } = {},
): Promise<string> {
  const id = await insertPerson(t, { given: 'Audrey', family, dob, restricted: opts.restricted });
  const pid = t.org.partnershipId;
  if (opts.episode || opts.cinPlan) {
    const episode = await insertedId(
      t.db,
      `insert into episode (partnership_id, person_id, referral_date, referral_source, primary_need)
       values ($1,$2,'2024-01-10','1A','N1') returning id`,
      [pid, id],
    );
    if (opts.cinPlan)
      await t.db.query(
        `insert into cin_plan (partnership_id, episode_id, person_id, start_date) values ($1,$2,$3,'2024-02-01')`,
        [pid, episode, id],
      );
  }
  if (opts.teamId) {
    await t.db.query(
      `insert into allocation (partnership_id, person_id, user_id, team_id) values ($1,$2,$3,$4)`,
      [pid, id, t.org.users.sw, opts.teamId],
    );
  }
  return id;
}

/** A running audit's dates: from yesterday to a month ahead. */
export function runningDates(): { startsOn: string; endsOn: string } {
  const d = new Date(`${londonToday()}T12:00:00Z`);
  const iso = (days: number) => new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  return { startsOn: iso(-1), endsOn: iso(30) };
}

/** A complete answer set, every question graded `grade`. */
export function answers(childRef: string, grade = 'good', overall = grade): Record<string, string> {
  const out: Record<string, string> = { childRef, overallGrade: overall };
  for (const q of QUESTIONS) {
    out[`${q.key}Grade`] = grade;
    out[`${q.key}Comment`] = `From our records: ${q.key} was ${grade}.`;
  }
  return out;
}
