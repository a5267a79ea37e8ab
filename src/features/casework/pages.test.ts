// Child protection through the pages: section 47, the manager's sign-off (returned, then agreed),
// the initial conference and plan, core group, visit, review, the end of the plan, a child in need
// plan and its review, and closure with a step-down to early help. Each page's clock is checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, useApp, type Client } from '../../../test/helpers/app.ts';
import { agencyIds, dateParts, makeChild, makeReferral, voiceForm } from './test-support.ts';

let sw: Client;
let tm: Client;
let child: string;

const t = useApp(async () => {
  sw = await signedIn(t.app, 'sw');
  tm = await signedIn(t.app, 'tm');
  child = await makeChild(t, 'Jack');
});

const page = (path = '') => `/people/${child}/casework${path}`;

/** Opens the form (it must show `shows`), then posts it; returns the answer. */
async function step(c: Client, path: string, form: Record<string, string | string[]>, shows?: RegExp) {
  const res = await c.get(page(path));
  assert.equal(res.statusCode, 200, `${path}: ${res.statusCode}`);
  if (shows) assert.match(res.body, shows, path);
  const hidden = [...res.body.matchAll(/type="hidden" name="(\w+Id)" value="([^"]+)"/g)];
  const ids = Object.fromEntries(hidden.map((m) => [m[1]!, m[2]!]));
  return c.post(page(path), { ...ids, ...form });
}

async function ok(c: Client, path: string, form: Record<string, string | string[]>, shows?: RegExp) {
  const res = await step(c, path, form, shows);
  assert.equal(
    res.statusCode,
    303,
    `${path}: ${res.statusCode} ${res.body.match(/govuk-error-summary__list[\s\S]*?<\/ul>/)?.[0] ?? ''}`,
  );
}

test('section 47 to closure through the pages', async () => {
  const referral = await makeReferral(t, child, '2025-04-14', 'strategy_section_47');
  await ok(
    sw,
    '/episode/start',
    { referral, referralSource: '6', primaryNeed: 'N1' },
    /Referral of 14 April 2025/,
  );
  await ok(sw, '/strategy-discussion/new', {
    ...dateParts('heldOn', '2025-04-14'),
    agencies: agencyIds(t.org, 'council', 'police', 'icb'),
    participants: 'HP; DS Carr; Nurse Ade',
    decision: 'section_47',
    rationale: 'Injury unexplained.',
  });
  // 15 working days from 14 April 2025, across Good Friday and Easter Monday.
  await ok(sw, '/section-47/start', dateParts('startDate', '2025-04-14'), /due by 8 May 2025/);
  const outcome = {
    outcome: 'substantiated_at_risk',
    conferenceNeeded: 'yes',
    ...dateParts('outcomeDate', '2025-04-16'),
    outcomeNotes: 'Substantiated.',
  };
  await ok(sw, '/section-47/outcome', outcome, /due by 8 May 2025/);
  assert.equal((await sw.get(page('/section-47/sign-off'))).statusCode, 403);
  await ok(tm, '/section-47/sign-off', {
    decision: 'returned',
    ...dateParts('decidedOn', '2025-04-16'),
    note: 'Add the GP’s view.',
  });
  await ok(sw, '/section-47/outcome', { ...outcome, outcomeNotes: 'Substantiated; GP confirms.' });
  await ok(
    tm,
    '/section-47/sign-off',
    { decision: 'agreed', ...dateParts('decidedOn', '2025-04-17'), note: 'Convene.' },
    /GP confirms/,
  );

  const conference = {
    chair: 'Independent chair',
    agencies: agencyIds(t.org, 'council', 'police', 'gp'),
    ...voiceForm('2025-04-22', 'Jack said he hides under the bed.'),
  };
  let res = await step(sw, '/conference/initial', {
    ...conference,
    ...dateParts('heldOn', '2025-04-19'),
    decision: 'plan',
    category: 'PHY',
  });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /cannot be a Saturday or Sunday/);
  await ok(
    sw,
    '/conference/initial',
    { ...conference, ...dateParts('heldOn', '2025-04-22'), decision: 'plan', category: 'PHY' },
    /Due by 8 May 2025/,
  );
  res = await sw.get(page());
  for (const due of ['7 May 2025', '22 July 2025']) assert.match(res.body, new RegExp(due));

  await ok(sw, '/core-group/new', {
    ...dateParts('heldOn', '2025-04-29'),
    agencies: agencyIds(t.org, 'council', 'school1'),
  });
  await ok(
    sw,
    '/visits/new',
    {
      ...dateParts('visitedOn', '2025-04-24'),
      seen: 'yes',
      seenAlone: 'yes',
      bedroomSeen: 'yes',
      ...voiceForm('2025-04-24', 'My bed is comfy now.'),
    },
    /this is a statutory visit/,
  );
  res = await sw.get(page());
  assert.match(
    res.body,
    /9 May 2025/,
    'the next visit: 10 working days after 24 April, across the May bank holiday',
  );
  assert.doesNotMatch(res.body, /First core group/);

  await ok(
    sw,
    '/conference/review',
    {
      ...conference,
      ...voiceForm('2025-07-21', 'I am happy.'),
      ...dateParts('heldOn', '2025-07-21'),
      decision: 'end',
    },
    /due by 22 July 2025/,
  );
  assert.equal((await sw.get(page('/cp-plan/end'))).statusCode, 403);
  await ok(
    tm,
    '/cp-plan/end',
    {
      ...dateParts('endDate', '2025-07-21'),
      endReason: 'no_longer_at_risk',
      note: 'Agreed with the conference.',
    },
    /decided: the plan should end/,
  );

  // A child in need plan after the child protection plan, reviewed every 3 months by default.
  await ok(sw, '/cin-plan/start', dateParts('startDate', '2025-07-22'));
  await ok(
    sw,
    '/cin-plan/review',
    { ...dateParts('heldOn', '2025-08-01'), notes: 'Going well.', voiceAbsentReason: 'Jack was at camp.' },
    /due by 22 October 2025/,
  );
  res = await sw.get(page());
  assert.match(res.body, /1 November 2025/);
  // While the plan is open the close form warns that the episode cannot close yet.
  res = await tm.get(page('/episode/close'));
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /cannot close yet/);
  await ok(tm, '/cin-plan/end', {
    ...dateParts('endDate', '2025-08-05'),
    endReason: 'step_down',
    note: 'Early help will continue.',
  });

  // The close form opens with nothing in the way (its warning would say "cannot close yet").
  res = await tm.get(page('/episode/close'));
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Close the episode/);
  assert.doesNotMatch(res.body, /cannot close yet/);
  res = await step(tm, '/episode/close', {
    ...dateParts('closureDate', '2025-08-06'),
    closureReason: 'RC9',
    note: 'Step down.',
  });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /href="#stepDownReference"/);
  await ok(tm, '/episode/close', {
    ...dateParts('closureDate', '2025-08-06'),
    closureReason: 'RC5',
    stepDownReference: 'ignored unless RC9',
    note: 'Moved to Westshire.',
  });
  res = await sw.get(page());
  assert.match(res.body, /Closed/);
  assert.match(res.body, /RC5: Transferred to services of another local authority/);
  assert.doesNotMatch(res.body, /ignored unless RC9/);
  assert.match(res.body, /No open work with a statutory clock/);
  assert.match(res.body, /Returned for more work/);

  // The voice page shows the words and where the voice was absent, with why.
  res = await sw.get(`/people/${child}/voice`);
  assert.match(res.body, /hides under the bed/);
  assert.match(res.body, /Jack was at camp/);
});
