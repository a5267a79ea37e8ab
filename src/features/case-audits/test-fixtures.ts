// Fixtures for the case audit tests (imported by *.test.ts only).
import type { TestDb } from '../../../test/helpers/app.ts';
import { insertPerson } from '../../../test/helpers/people.ts';
import { insertedId } from '../../../test/helpers/rows.ts';
import { DEMO_AGENCIES, DEMO_USERS } from '../../demo/organisation.ts';
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

/**
 * A running case audit of one child of its own (so that no other test's child opens to the
 * auditors) with every demo agency lead (or, with none, one made here) as
 * its auditors, and the bodies the API takes to plan another and to answer this one.
 */
export async function apiCaseAudit(t: TestDb) {
  const pid = t.org.partnershipId;
  const personId = await makeAuditChild(t, 'Sampled', '2015-09-09');
  let leads = DEMO_USERS.filter((u) => u.roles.includes('agency_lead')).map((u) => ({
    userId: t.org.users[u.key]!,
    agencyId: t.org.agencies[u.agency]!,
  }));
  if (leads.length === 0) {
    const a = await makeLead(t, 'council', 'Api Auditor');
    leads = [{ userId: a.userId, agencyId: a.agencyId }];
  }
  const agencyIds = [...new Set(leads.map((l) => l.agencyId))];
  const { startsOn, endsOn } = runningDates();
  const auditId = await insertedId(
    t.db,
    `insert into case_audit (partnership_id, title, theme, starts_on, ends_on, sample_method, sample_size, seed)
     values ($1,'API audit','neglect',$2,$3,'random',1,'api') returning id`,
    [pid, startsOn, endsOn],
  );
  await t.db.query(
    `insert into case_audit_agency (partnership_id, case_audit_id, agency_id) select $1, $2, unnest($3::uuid[])`,
    [pid, auditId, agencyIds],
  );
  await t.db.query(
    `insert into case_audit_auditor (partnership_id, case_audit_id, user_id, agency_id)
     select $1, $2, u, g from unnest($3::uuid[], $4::uuid[]) as x(u, g)`,
    [pid, auditId, leads.map((l) => l.userId), leads.map((l) => l.agencyId)],
  );
  const childRef = await insertedId(
    t.db,
    `insert into case_audit_child (partnership_id, case_audit_id, person_id, position) values ($1,$2,$3,1) returning id`,
    [pid, auditId, personId],
  );
  return {
    auditId,
    childRef,
    planBody: {
      title: 'Planned by the API',
      theme: 'neglect',
      startsOn,
      endsOn,
      agencyIds,
      auditorIds: leads.map((l) => l.userId),
      sampleMethod: 'random',
      sampleSize: 1,
    },
    answerBody: answers(childRef),
  };
}
