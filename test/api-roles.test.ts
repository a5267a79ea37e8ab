// Each documented API call works for the roles the README's table gives it, through their own
// tokens, and is refused for every other role that holds a token. The table is read from README.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiToken, useApp } from './helpers/app.ts';
import { docApi, readAccessDoc } from './helpers/access-doc.ts';
import { DEMO_USERS, demoActor } from '../src/demo/organisation.ts';
import { makeChild, makeReferral } from '../src/features/casework/test-support.ts';
import { startEpisode } from '../src/features/casework/episodes.ts';
import { trainingForApiTest } from '../src/features/training/test-support.ts';
import { londonToday } from '../src/platform/dates.ts';
import { addActionIn } from '../src/features/actions/service.ts';
import { createRound } from '../src/features/section11/service.ts';
import { raiseChallenge } from '../src/features/scrutiny/service.ts';
import { addWorkingDays } from '../src/platform/calendar.ts';
import { apiCaseAudit } from '../src/features/case-audits/test-fixtures.ts';
import { apiReviewCall } from '../src/features/reviews/test-fixtures.ts';

const README = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../README.md');

/** The rows of README's "Who may call what" table: method, path and the roles listed. */
function readCalls(): { method: string; path: string; roles: string[] }[] {
  const lines = fs.readFileSync(README, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('| call | what it does | roles |'));
  assert.ok(start > 0, 'README has the table of API calls');
  const out = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [call, , roles] = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const [method, p] = call!.replace(/`/g, '').split(' ');
    out.push({ method: method!, path: p!, roles: [...roles!.matchAll(/`(\w+)`/g)].map((m) => m[1]!) });
  }
  return out;
}

const calls = readCalls();
const holders = DEMO_USERS.filter((u) => docApi(readAccessDoc(), u.roles));
let child: string;
const tokens = new Map<string, string>();
const referrals = new Map<string, string>();
let training: Awaited<ReturnType<typeof trainingForApiTest>>;
/** Each agency's self-assessment, with every standard answered, and one of its standards. */
const selfAssessments = new Map<string, { id: string; standardId: string }>();
let caseAudit: Awaited<ReturnType<typeof apiCaseAudit>>;

const t = useApp(async () => {
  const pid = t.org.partnershipId;
  child = await makeChild(t, 'Ellie', { involved: false });
  // A relationship to the child for every demo user: each team involved, sw allocated (so the
  // team manager's team holds the child), and the child on an open contact for the MASH.
  for (const u of DEMO_USERS) {
    await t.db.query(
      `insert into involvement (partnership_id, person_id, agency_id, team_id, role, started_on)
       values ($1,$2,$3,$4,'other','2024-01-01')`,
      [pid, child, t.org.agencies[u.agency], t.org.teams[`${u.agency}:${u.team}`]],
    );
  }
  await t.db.query(
    `insert into allocation (partnership_id, person_id, user_id, team_id) values ($1,$2,$3,$4)`,
    [pid, child, t.org.users.sw, t.org.teams['council:Assessment Team North']],
  );
  const referral = await makeReferral(t, child, '2024-02-29', 'section_17');
  await startEpisode(t.db, demoActor(t.org, 'sw'), child, {
    referral,
    referralSource: '2A',
    primaryNeed: 'N1',
  });
  for (const u of holders) tokens.set(u.key, await apiToken(t, u.key));
  training = await trainingForApiTest(
    t,
    holders.map((u) => ({ key: u.key, userId: t.org.users[u.key]!, agencyId: t.org.agencies[u.agency]! })),
    londonToday(),
  );
  // Every agency asked in a round (schools in the schools' round), its standards all answered.
  const bm = demoActor(t.org, 'bm');
  const agencies = await t.db.query<{ id: string; kind: string }>(
    'select id, kind from agency where partnership_id = $1',
    [pid],
  );
  for (const kind of ['section11', 'schools'] as const) {
    const agencyIds = agencies.filter((a) => (a.kind === 'school') === (kind === 'schools')).map((a) => a.id);
    await createRound(t.db, bm, {
      kind,
      year: 2026,
      opensOn: '2026-04-01',
      closesOn: '2026-06-30',
      agencyIds,
    });
  }
  await t.db.query(
    `insert into s11_answer (partnership_id, assessment_id, standard_id, rating, narrative)
     select a.partnership_id, a.id, s.id, 'green', 'Met' from s11_assessment a join s11_round r on r.id = a.round_id
       join s11_standard s on s.partnership_id = a.partnership_id and s.kind = r.kind`,
  );
  for (const row of await t.db.query<{ agencyId: string; id: string; standardId: string }>(
    `select a.agency_id as "agencyId", a.id, (select x.standard_id from s11_answer x where x.assessment_id = a.id
       limit 1) as "standardId" from s11_assessment a`,
  ))
    selfAssessments.set(row.agencyId, row);
  caseAudit = await apiCaseAudit(t);
});

let n = 0;
function bodyFor(method: string, p: string): unknown {
  n++;
  if (method === 'POST' && p === '/api/v1/people')
    return { kind: 'child', givenName: 'Api', familyName: `Made${n}`, dateOfBirth: '2015-01-01' };
  if (p.endsWith('/chronology'))
    return {
      occurredOn: '2024-03-01',
      category: 'education',
      significance: 'low',
      visibility: 'partnership',
      summary: `Entry ${n}`,
    };
  if (p.endsWith('/visits'))
    return {
      visitedOn: '2024-03-04',
      seen: true,
      seenAlone: true,
      bedroomSeen: true,
      voiceAbsentReason: 'Asleep',
    };
  if (p.endsWith('/evaluation')) return { confidenceBefore: 2, confidenceAfter: 4 };
  if (p.endsWith('/follow-up')) return { changedPractice: 'I ask the child first', impact: 4 };
  if (p.endsWith('/voice'))
    return { words: `I like school (${n})`, methods: ['seen_alone'], gatheredOn: '2024-03-04' };
  if (method === 'POST' && p === '/api/v1/escalations')
    return { personId: child, otherAgencyId: '', disagreement: `Disagreement ${n}`, tried: 'Talked.' };
  if (p.endsWith('/stage')) return { reason: `Reason ${n}` };
  if (p.endsWith('/resolution')) return { outcome: 'agreed', learning: `Learning ${n}`, addAction: false };
  if (method === 'POST' && p === '/api/v1/case-audits') return caseAudit.planBody;
  if (p === '/api/v1/case-audits/{id}/answers') return caseAudit.answerBody;
  if (p === '/api/v1/referrals')
    return {
      clientReference: `roles-${n}`,
      children: [{ givenName: 'Ellie', familyName: 'Marsh', dateOfBirth: '2016-05-04', sex: 'female' }],
      address: null,
      concern: 'Worried about Ellie.',
      childSaid: { status: 'not_asked' },
      immediateRisk: { status: 'no' },
      consent: { familyAware: true, consent: 'given' },
      referrer: { jobTitle: 'Practitioner' },
    };
  if (p === '/api/v1/actions')
    return { title: `Action ${n}`, ownerAgencyId: t.org.agencies.police, dueOn: '2030-01-31' };
  if (p === '/api/v1/actions/{id}/status') return { status: 'in_progress', note: `Update ${n}` };
  if (p === '/api/v1/challenges')
    return { title: `Challenge ${n}`, question: 'Why?', agencyIds: [t.org.agencies.police], dueOn: dueOn() };
  if (p === '/api/v1/challenges/{id}/responses') return { answer: `Answer ${n}` };
  if (p === '/api/v1/challenges/{id}/judgement') return { judgement: 'accepted' };
  return undefined;
}

/** An open escalation raised by the demo user with another agency, made straight in the database. */
async function escalationOf(key: string, otherAgency: string): Promise<string> {
  const u = DEMO_USERS.find((x) => x.key === key)!;
  const [row] = await t.db.query<{ id: string }>(
    `insert into escalation (partnership_id, reference, person_id, raised_by, raising_agency_id, other_agency_id,
       disagreement, tried, raised_on, stage, stage_started_on, stage_due_on)
     values ($1, 'R-' || $2, $3, $4, $5, $6, 'd', 't', current_date, 'practitioners', current_date, current_date)
     returning id`,
    [
      t.org.partnershipId,
      `${key}-${n}`,
      child,
      t.org.users[key],
      t.org.agencies[u.agency],
      t.org.agencies[otherAgency],
    ],
  );
  return row!.id;
}

/** An action owned by the caller's agency (an agency lead updates only their agency's). */
async function actionOf(key: string): Promise<string> {
  const u = DEMO_USERS.find((x) => x.key === key)!;
  return t.db.transaction(async (tx) => {
    const { id } = await addActionIn(tx, demoActor(t.org, 'bm'), {
      sourceKind: 'partnership',
      sourceId: 'api-roles',
      sourceLabel: 'Agreed by the partnership',
      sourceHref: '/partnership/actions',
      title: `For ${key}`,
      ownerAgencyId: t.org.agencies[u.agency]!,
      dueOn: '2030-01-31',
    });
    return id;
  });
}

const dueOn = () => addWorkingDays(londonToday(), 10);

/**
 * A challenge put to the caller's agency, raised by the caller when they may raise one (the business
 * manager for the young people's panel), otherwise by the scrutineer.
 */
async function challengeOf(key: string): Promise<string> {
  const u = DEMO_USERS.find((x) => x.key === key)!;
  const by = key === 'bm' ? 'bm' : 'scrutineer';
  const { id } = await raiseChallenge(t.db, demoActor(t.org, by), {
    title: `For ${key}`,
    question: 'Why?',
    agencyIds: [t.org.agencies[u.agency]!],
    dueOn: dueOn(),
  });
  return id;
}

/**
 * Early help for one call: a child of its own (involved with the caller's team, or allocated to the
 * caller with an RC9 closure for a step-down), and for an episode's step an episode of the child in
 * the state the step needs, led by the caller when they may lead early help (else by the teacher,
 * the caller having started it).
 */
async function earlyHelpFor(key: string, p: string): Promise<{ url: string; body?: unknown }> {
  const pid = t.org.partnershipId;
  const u = DEMO_USERS.find((x) => x.key === key)!;
  const userId = t.org.users[key]!;
  const kid = await makeChild(t, `Eh${n}`, { involved: false });
  await t.db.query(
    `insert into involvement (partnership_id, person_id, agency_id, team_id, role, started_on)
     values ($1,$2,$3,$4,'other','2024-01-01')`,
    [pid, kid, t.org.agencies[u.agency], t.org.teams[`${u.agency}:${u.team}`]],
  );
  if (p === '/api/v1/early-help/episodes')
    return { url: p, body: { personId: kid, familyIds: [kid], consent: true } };
  if (p === '/api/v1/early-help/step-downs') {
    await t.db.query(`insert into allocation (partnership_id, person_id, user_id) values ($1,$2,$3)`, [
      pid,
      kid,
      userId,
    ]);
    await t.db.query(
      `insert into episode (partnership_id, person_id, referral_date, referral_source, primary_need, status,
         closure_date, closure_reason, step_down_reference) values ($1,$2,'2024-01-05','2A','N1','closed',current_date,'RC9','EH')`,
      [pid, kid],
    );
    return {
      url: p,
      body: {
        personId: kid,
        familyIds: [kid],
        leadUserId: t.org.users.teacher,
        reason: 'Handed over',
        consent: true,
      },
    };
  }
  const leads = u.roles.some((r) => r === 'early_help_lead' || r === 'partner_practitioner');
  const step = p.slice(p.indexOf('{id}') + 5);
  const offered = step === 'step-down-decision';
  const [ep] = await t.db.query<{ id: string }>(
    `insert into eh_episode (partnership_id, reference, source, status, lead_user_id, lead_agency_id, consent,
       started_on, assessment_due, assessment_completed_on, created_by)
     values ($1, 'EH-API-' || $2, $3, $4, $5, $6, 'given', current_date, current_date + 42, $7, $8) returning id`,
    [
      pid,
      `${key}-${n}`,
      offered ? 'step_down' : 'direct',
      offered ? 'offered' : 'open',
      leads ? userId : t.org.users.teacher,
      leads ? t.org.agencies[u.agency] : t.org.agencies.school1,
      step === 'reviews' ? londonToday() : null,
      userId,
    ],
  );
  const id = ep!.id;
  await t.db.query(
    `insert into eh_member (episode_id, partnership_id, person_id, kind) values ($1,$2,$3,'child')`,
    [id, pid, kid],
  );
  if (step === 'reviews')
    await t.db.query(
      `insert into eh_score (partnership_id, episode_id, area, score) values ($1,$2,'education',3)`,
      [pid, id],
    );
  if (step === 'meetings')
    await t.db.query(
      `insert into eh_team_member (partnership_id, episode_id, user_id, role, added_by) values ($1,$2,$3,'Nurse',$3)`,
      [pid, id, t.org.users.hv],
    );
  if (offered)
    await t.db.query(
      `insert into eh_step (partnership_id, episode_id, kind, reason, requested_by, offered_to) values ($1,$2,'down','Handed over',$3,$4)`,
      [pid, id, t.org.users.sw, leads ? userId : t.org.users.teacher],
    );
  const today = londonToday();
  const bodies: Record<string, unknown> = {
    assessment: {
      completedOn: today,
      familyView: 'Mornings are hard.',
      plan: 'Breakfast club.',
      scores: { education: 3 },
      voices: [{ personId: kid, words: 'I like maths.', method: 'conversation' }],
    },
    team: { userId: t.org.users.hv, role: 'Health visitor' },
    meetings: { heldOn: today, notes: 'Agreed the plan.', attended: [] },
    actions: { title: `Action ${n}`, ownerAgencyId: t.org.agencies.school1, dueOn: '2030-01-31' },
    reviews: { heldOn: today, summary: 'Better.', scores: { education: 5 } },
    'step-up': { reason: 'Worse at home.' },
    'step-down-decision': { accept: false, reason: 'No capacity.' },
    lead: { leadUserId: t.org.users.teacher },
    consent: {},
    closure: { closedOn: today, outcome: 'needs_met', feedback: 'Thank you.' },
  };
  return { url: p.replace('{id}', id), body: bodies[step] };
}

async function callAs(key: string, method: string, p: string) {
  let url = p.replace('{id}', p.startsWith('/api/v1/case-audits/') ? caseAudit.auditId : child);
  if (method === 'GET' && p === '/api/v1/people') url += '?name=Marsh';
  let body = bodyFor(method, p);
  if (p === '/api/v1/referrals/{id}')
    url = `/api/v1/referrals/${referrals.get(key) ?? '00000000-0000-4000-8000-000000000000'}`;
  if (p.startsWith('/api/v1/training/courses/')) url = p.replace('{id}', training.course);
  if (p.startsWith('/api/v1/training/sessions/')) url = p.replace('{id}', training.session);
  if (p.startsWith('/api/v1/training/bookings/'))
    url = p.replace('{id}', training.bookings.get(key) ?? '00000000-0000-4000-8000-000000000000');
  if (p.startsWith('/api/v1/escalations')) {
    // An escalation of the caller's own (between their agency and another), so that a party may act.
    const other = DEMO_USERS.find((u) => u.agency !== DEMO_USERS.find((x) => x.key === key)!.agency)!.agency;
    if (p.includes('{id}'))
      url = `/api/v1/escalations/${await escalationOf(key, other)}${p.slice(p.indexOf('{id}') + 4)}`;
    else if (body) body = { ...(body as object), otherAgencyId: t.org.agencies[other] };
  }
  if (p.startsWith('/api/v1/actions/{id}')) url = p.replace('{id}', await actionOf(key));
  if (p.startsWith('/api/v1/self-assessments/{id}')) {
    const own = selfAssessments.get(t.org.agencies[DEMO_USERS.find((u) => u.key === key)!.agency]!)!;
    url = p.replace('{id}', own.id);
    if (p.endsWith('/answers')) body = { standardId: own.standardId, rating: 'green', narrative: 'Met' };
  }
  if (p.startsWith('/api/v1/challenges/{id}')) url = p.replace('{id}', await challengeOf(key));
  const review = await apiReviewCall(t, method, p, n);
  if (review) ({ url, body } = review);
  if (p.startsWith('/api/v1/early-help/') && !(method === 'GET' && p === '/api/v1/early-help/episodes'))
    ({ url, body } = await earlyHelpFor(key, p));
  if (method === 'PATCH') {
    const [row] = await t.db.query<{ version: number }>('select version from person where id = $1', [child]);
    body = { version: row!.version, familyName: 'Marsh' };
  }
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers: {
      authorization: `Bearer ${tokens.get(key)}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    payload: body ? JSON.stringify(body) : undefined,
  });
  if (p === '/api/v1/referrals' && method === 'POST' && res.statusCode === 201)
    referrals.set(key, res.json().id);
  return res;
}

test('the table names every API route the app serves', () => {
  const served = t.app.routeTable
    .filter((r) => r.url.startsWith('/api/v1/'))
    .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`)
    .sort();
  assert.deepEqual(calls.map((c) => `${c.method} ${c.path}`).sort(), served);
});

test('each call works for the roles the README gives it, and no other role with a token', async () => {
  const failures: string[] = [];
  // Referrals first, so that each caller has one of their own to read.
  const ordered = [...calls].sort((a, b) => Number(b.method === 'POST') - Number(a.method === 'POST'));
  for (const c of ordered) {
    for (const u of holders) {
      const res = await callAs(u.key, c.method, c.path);
      const allowed = u.roles.some((r) => c.roles.includes(r));
      const where = `${u.key} (${u.roles.join(', ')}) ${c.method} ${c.path}`;
      if (allowed && (res.statusCode < 200 || res.statusCode > 299))
        failures.push(`${where}: expected success, got ${res.statusCode} ${res.body.slice(0, 200)}`);
      if (!allowed && ![403, 404].includes(res.statusCode))
        failures.push(`${where}: expected 403 or 404, got ${res.statusCode}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('roles that may not hold tokens are refused at the door (401), whatever the call', async () => {
  for (const u of DEMO_USERS.filter((x) => !holders.includes(x))) {
    const token = await apiToken(t, u.key);
    const res = await t.app.inject({
      url: '/api/v1/people?name=Marsh',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.statusCode, 401, u.key);
  }
});
