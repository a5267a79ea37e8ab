// The casework pages in a browser's place: forms, error summaries, post/redirect/get, refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { signedIn, useApp, type Client } from '../../../test/helpers/app.ts';
import { auditCount } from '../../../test/helpers/rows.ts';
import { agencyIds, dateParts, makeChild, makeReferral, voiceForm } from './test-support.ts';

let sw: Client;
let tm: Client;
let child: string;
let referral: string;

const t = useApp(async () => {
  sw = await signedIn(t.app, 'sw');
  tm = await signedIn(t.app, 'tm');
  child = await makeChild(t, 'Poppy');
  referral = await makeReferral(t, child, '2024-02-29', 'strategy_section_47');
});

const page = (path = '') => `/people/${child}/casework${path}`;

/** Opens the form (for its CSRF token) and posts it. */
async function submit(c: Client, path: string, form: Record<string, string | string[]>) {
  const form200 = await c.get(page(path));
  assert.equal(form200.statusCode, 200, `${path}: ${form200.body.slice(0, 300)}`);
  return c.post(page(path), form);
}

test('a child goes through the casework pages, with clocks, error summaries and the manager’s steps', async () => {
  let res = await sw.get(page());
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /This child has no episode of need/);
  assert.match(res.body, /Start an episode of need/);
  assert.equal(await auditCount(t.db, { personId: child, action: 'casework.view' }), 1);

  res = await submit(sw, '/episode/start', {});
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /govuk-error-summary/);
  assert.match(res.body, /href="#referral"/);
  assert.match(res.body, /href="#referralSource"/);
  res = await sw.post(page('/episode/start'), { referral, referralSource: '2A', primaryNeed: 'N1' });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, `/people/${child}/casework?done=episode-start`);
  res = await sw.get(res.headers.location!);
  assert.match(res.body, /Episode of need started/);
  assert.match(res.body, /Single assessment \(not started\)/);
  assert.match(res.body, /7 May 2024/);
  assert.match(res.body, /Strategy discussion/);
  assert.match(res.body, /Overdue by \d+ working days/);

  res = await submit(sw, '/assessment/start', dateParts('startDate', '2024-02-31'));
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /The start date must be a real date/);
  assert.match(res.body, /href="#startDate-day"/);
  assert.match(res.body, /value="31"/, 'what was typed is kept');
  assert.equal(
    (await sw.post(page('/assessment/start'), dateParts('startDate', '2024-03-01'))).statusCode,
    303,
  );

  const form = await sw.get(page('/assessment/complete'));
  const assessmentId = /name="assessmentId" value="([^"]+)"/.exec(form.body)?.[1];
  assert.ok(assessmentId);
  const complete = {
    assessmentId,
    factors: ['3B', '16A'],
    ...voiceForm('2024-03-02', '<script>alert("hi")</script> Mummy cries'),
    analysis: 'Poppy <b>is</b> scared.',
    outcome: 'cin_plan',
  };
  res = await sw.post(page('/assessment/complete'), {
    ...complete,
    ...dateParts('completedDate', '2024-03-10'),
    factors: ['3B', 'ZZ'],
  });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /not one of the choices/);
  assert.match(res.body, /&lt;script&gt;alert/, 'typed text kept and escaped');
  assert.doesNotMatch(res.body, /<script>alert/);
  res = await sw.post(page('/assessment/complete'), {
    ...complete,
    ...dateParts('completedDate', '2024-03-10'),
  });
  assert.equal(res.statusCode, 303);

  // The social worker cannot authorise; the team manager sees the assessment (escaped) and does.
  assert.equal((await sw.get(page('/assessment/authorise'))).statusCode, 403);
  res = await tm.get(page('/assessment/authorise'));
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Poppy &lt;b&gt;is&lt;\/b&gt; scared/);
  assert.match(res.body, /16A: Neglect/);
  res = await tm.post(page('/assessment/authorise'), {
    assessmentId: assessmentId!,
    decision: 'agreed',
    ...dateParts('decidedOn', '2024-03-11'),
    note: 'Good work.',
  });
  assert.equal(res.statusCode, 303);
  assert.equal((await sw.post(page('/assessment/authorise'), { decision: 'agreed' })).statusCode, 403);

  res = await submit(sw, '/strategy-discussion/new', {
    ...dateParts('heldOn', '2024-03-12'),
    agencies: agencyIds(t.org, 'council', 'police'),
    participants: 'HP, DC Jones',
    decision: 'section_47',
    rationale: 'Disclosure at school.',
  });
  assert.equal(res.statusCode, 303);
  res = await sw.get(page());
  assert.match(res.body, /Section 47 enquiry \(not started\)/);
  assert.match(
    res.body,
    /4 April 2024/,
    'the conference clock: 15 working days from 12 March, across Easter',
  );

  // A step out of order answers 409 with the reason, not a form.
  res = await sw.get(page('/section-47/outcome'));
  assert.equal(res.statusCode, 409);
  assert.match(res.body, /no open section 47 enquiry/);

  // Visits: one in the future is refused with the error summary.
  res = await submit(sw, '/visits/new', {
    ...dateParts('visitedOn', '2099-01-01'),
    seen: 'yes',
    seenAlone: 'yes',
    bedroomSeen: 'no',
    ...voiceForm('2024-03-12'),
  });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /The date of the visit must be today or in the past/);

  // What the child has told us, oldest first; direct work recorded from its own page.
  res = await sw.get(`/people/${child}/voice/new`);
  assert.equal(res.statusCode, 200);
  // The page's fields are the API's: words, methods, gatheredBy, gatheredOn.
  res = await sw.post(`/people/${child}/voice/new`, {
    words: 'I want my cat to come too.',
    methods: ['seen_alone', 'drawing'],
    gatheredBy: 'Hannah Price, social worker',
    ...dateParts('gatheredOn', '2024-03-01'),
  });
  assert.equal(res.statusCode, 303);
  res = await sw.get(`/people/${child}/voice`);
  assert.equal(res.statusCode, 200);
  const cat = res.body.indexOf('I want my cat');
  const mummy = res.body.indexOf('Mummy cries');
  assert.ok(cat > 0 && mummy > cat, 'in time order');
  assert.match(res.body, /&lt;script&gt;/);
});

test('who may open the casework pages', async () => {
  const teacher = await signedIn(t.app, 'teacher');
  const scrutineer = await signedIn(t.app, 'scrutineer');
  assert.equal((await teacher.get(page())).statusCode, 403);
  assert.equal((await teacher.get(`/people/${child}/voice`)).statusCode, 403);
  assert.equal((await scrutineer.get(page())).statusCode, 200);
  assert.equal((await scrutineer.get(`/people/${child}/voice`)).statusCode, 200);
  assert.equal((await scrutineer.get(page('/visits/new'))).statusCode, 403);
  assert.equal((await scrutineer.post(page('/visits/new'), {})).statusCode, 403);
  assert.equal((await sw.get('/people/not-a-uuid/casework')).statusCode, 404);
  assert.equal((await sw.get(`/people/${crypto.randomUUID()}/casework`)).statusCode, 404);
  assert.equal((await sw.post(`/people/${crypto.randomUUID()}/casework/visits/new`, {})).statusCode, 404);
  const stranger = await makeChild(t, 'Stranger', { involved: false });
  assert.equal((await sw.get(`/people/${stranger}/casework`)).statusCode, 403);
  await t.db.query('update person set restricted = true where id = $1', [stranger]);
  assert.equal((await sw.get(`/people/${stranger}/casework`)).statusCode, 404);
  // A form without its CSRF token is refused.
  assert.equal((await sw.post(page('/visits/new'), { _csrf: 'forged' })).statusCode, 403);
});
