// The casework API's tests share one app, the API tokens and a child taken to a child protection
// plan through the services (imported by api*.test.ts only; each test file runs in its own process).
import { apiToken, useApp, type TestApp } from '../../../test/helpers/app.ts';
import { demoActor } from '../../demo/organisation.ts';
import { startAssessment } from './assessments.ts';
import { recordInitialConference } from './conferences.ts';
import { startEpisode } from './episodes.ts';
import { agencyIds, caseworkSteps, makeChild, makeReferral, rowsAbout, voice } from './test-support.ts';

export const api = {} as {
  t: TestApp;
  /** A social worker who may also use the API. */
  token: string;
  teacherToken: string;
  /** On a child protection plan since 19 April 2024. */
  poppy: string;
};

/** The API test file's app, its tokens and Poppy, made before its tests. */
export function useApi(): typeof api {
  const t = useApp(async () => {
    await t.db.query(`update app_user set roles = '{social_worker,partner_practitioner}' where id = $1`, [
      t.org.users.sw,
    ]);
    api.token = await apiToken(t, 'sw');
    api.teacherToken = await apiToken(t, 'teacher');
    api.poppy = await childOnPlan('Poppy');
  });
  api.t = t;
  return api;
}

export function call(
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  opts: { token?: string | null; type?: string } = {},
) {
  const bearer = opts.token === undefined ? api.token : opts.token;
  return api.t.app.inject({
    method,
    url,
    headers: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...(body !== undefined ? { 'content-type': opts.type ?? 'application/json' } : {}),
    },
    payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A child taken through the services from a referral to a child protection plan. */
export async function childOnPlan(given: string): Promise<string> {
  const { t } = api;
  const sw = demoActor(t.org, 'sw');
  const steps = caseworkSteps(t);
  const child = await makeChild(t, given);
  const referral = await makeReferral(t, child, '2024-02-29', 'strategy_section_47');
  await startEpisode(t.db, sw, child, { referral, referralSource: '2A', primaryNeed: 'N1' });
  await startAssessment(t.db, sw, child, { startDate: '2024-03-01' });
  await steps.strategy(child, '2024-03-28');
  await steps.enquiry(child, '2024-03-28', '2024-04-05');
  await steps.signOff(child, '2024-04-08');
  await steps.assessment(child, '2024-04-10');
  await steps.authorise(child, '2024-04-11');
  await recordInitialConference(t.db, sw, child, {
    heldOn: '2024-04-19',
    chair: 'Sam Okoye (independent chair)',
    agencies: agencyIds(t.org, 'council', 'police', 'school1'),
    ...voice('2024-04-19', 'I drew my family and put myself outside the house.'),
    decision: 'plan',
    category: 'NEG',
  });
  return child;
}

export const dueByType = (clocks: { type: string; dueDate: string }[]) =>
  Object.fromEntries(clocks.map((c) => [c.type, c.dueDate]));

export const count = (table: string, personId: string): Promise<number> => rowsAbout(api.t, table, personId);

/** Every key of a JSON value, at any depth. */
export function keysOf(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => keysOf(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      keysOf(x, out);
    }
  }
  return out;
}

export const visit = (over: Record<string, unknown> = {}) => ({
  visitedOn: '2024-04-25',
  seen: true,
  seenAlone: true,
  bedroomSeen: true,
  notes: 'Room cold; heating broken.',
  voice: { words: 'My room is cold at night.', methods: ['seen_alone', 'conversation'] },
  ...over,
});
