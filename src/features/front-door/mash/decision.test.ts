// The threshold decision starts the work: the episode of need of each child decided to social care
// opens at once with its clocks, the work waits for the team chosen, and that team's manager reads
// the children; a child with an open episode does not get a second.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../../test/helpers/app.ts';
import { indexPerson } from '../../../../test/helpers/people.ts';
import { countRows } from '../../../../test/helpers/rows.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { hasPersonAccess } from '../../../platform/access/policy.ts';
import { actorFor } from '../../people/test-support.ts';
import {
  answerFormFor,
  answerRequest,
  createRequests,
  decide,
  linkSubject,
  submitFromApi,
} from '../service.ts';
import type { Decision } from '../codes.ts';
import { referralAbout } from '../test-support.ts';

let teacher: Actor;
let mash: Actor;
let mgr: Actor;
let tm: Actor;
let police: Actor;
let north: string;

const t = useApp(async () => {
  teacher = await actorFor(t.db, t.org.users.teacher!);
  mash = await actorFor(t.db, t.org.users.mash!);
  mgr = await actorFor(t.db, t.org.users.mashmgr!);
  tm = await actorFor(t.db, t.org.users.tm!);
  police = await actorFor(t.db, t.org.users.police!);
  north = t.org.teams['council:Assessment Team North']!;
});

/** A contact about these children, received at `at`, each linked to its record. */
async function contactAbout(children: { id: string; given: string }[], at: string, immediateRisk = false) {
  const base = referralAbout({ givenName: children[0]!.given, familyName: 'Decided', ageYears: 9 });
  const r = await submitFromApi(
    t.db,
    teacher,
    {
      ...base,
      children: children.map((c) => ({ ...base.children[0]!, givenName: c.given, familyName: 'Decided' })),
      risks: immediateRisk ? { status: 'yes', details: 'Her stepfather is at home tonight.' } : base.risks,
    },
    new Date(at),
  );
  const subjects = await t.db.query<{ id: string }>(
    `select id from contact_subject where contact_id = $1 order by position`,
    [r.contactId],
  );
  for (const [i, s] of subjects.entries()) await linkSubject(t.db, mash, r.contactId, s.id, children[i]!.id);
  return r.contactId;
}

const decideAs = (contactId: string, decision: Decision, at: string, teamId: string | undefined = north) =>
  decide(
    t.db,
    mgr,
    contactId,
    {
      version: 1,
      decision,
      rationale: 'Significant harm suspected.',
      teamId,
      feedback: 'We will be in touch.',
    },
    new Date(at),
  );

async function episodeOf(personId: string) {
  return t.db.query<{ id: string; referral_date: string; referral_id: string | null }>(
    `select id, referral_date, referral_id from episode where person_id = $1 and status = 'open'`,
    [personId],
  );
}

test('a section 47 decision on a Friday before a bank holiday opens the episode with the strategy discussion due on Tuesday', async () => {
  const child = await indexPerson(t, { given: 'Friday', family: 'Decided', dob: '2015-03-03' });
  // Received on Thursday 21 August 2025; decided on Friday 22 August; Monday 25 August is a bank holiday.
  const contact = await contactAbout([{ id: child, given: 'Friday' }], '2025-08-21T09:00:00Z');
  assert.equal(await hasPersonAccess(t.db, tm, child), false, 'the team manager has no way in before');
  const outcome = await decideAs(contact, 'strategy_section_47', '2025-08-22T14:00:00Z');
  assert.deepEqual(outcome, { episodesOpened: 1, notOpened: [] });

  const [referral] = await t.db.query<{ id: string; team_id: string; rag: string | null; decided_at: Date }>(
    `select id, team_id, rag, decided_at from referral where contact_id = $1`,
    [contact],
  );
  assert.equal(referral!.team_id, north, 'the work waits for the team chosen');
  assert.equal(new Date(referral!.decided_at).toISOString(), '2025-08-22T14:00:00.000Z');
  const [episode] = await episodeOf(child);
  assert.ok(episode, 'the decision opened the episode of need');
  assert.equal(episode.referral_id, referral!.id);
  assert.equal(episode.referral_date, '2025-08-21', 'the episode runs from the referral date');

  // The team manager of the team chosen opens the child, and sees the strategy discussion clock:
  // one working day from the decision (Friday), Monday being a bank holiday: Tuesday 26 August.
  assert.equal(await hasPersonAccess(t.db, tm, child), true);
  const page = await (await sessionAs(t, 'tm')).get(`/people/${child}/casework`);
  assert.equal(page.statusCode, 200);
  const text = page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  assert.match(text, /Strategy discussion[^.]*?26 August 2025/);
  // The assessment clock runs from the referral date: 45 working days from 21 August 2025.
  assert.match(text, /24 October 2025/);
});

test('a section 17 decision opens the episode with the assessment clock from the referral date, and no strategy clock', async () => {
  const child = await indexPerson(t, { given: 'Seventeen', family: 'Decided', dob: '2013-04-04' });
  const contact = await contactAbout([{ id: child, given: 'Seventeen' }], '2025-08-21T09:00:00Z');
  await decideAs(contact, 'section_17', '2025-08-26T09:00:00Z');
  const [episode] = await episodeOf(child);
  assert.equal(episode!.referral_date, '2025-08-21');
  const page = await (await sessionAs(t, 'tm')).get(`/people/${child}/casework`);
  const text = page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  assert.match(text, /24 October 2025/, '45 working days from the referral date');
  assert.doesNotMatch(text, /Strategy discussion[^.]*?due/i);
});

test('a child who already has an open episode does not get a second, and the decision says so; a sibling without one does', async () => {
  const older = await indexPerson(t, { given: 'Older', family: 'Decided', dob: '2012-01-01' });
  const younger = await indexPerson(t, { given: 'Younger', family: 'Decided', dob: '2016-01-01' });
  const first = await contactAbout([{ id: older, given: 'Older' }], '2025-05-01T09:00:00Z');
  await decideAs(first, 'section_17', '2025-05-01T15:00:00Z');
  const [before] = await episodeOf(older);

  const second = await contactAbout(
    [
      { id: older, given: 'Older' },
      { id: younger, given: 'Younger' },
    ],
    '2025-06-02T09:00:00Z',
  );
  const outcome = await decideAs(second, 'immediate_protection', '2025-06-02T11:00:00Z');
  assert.equal(outcome.episodesOpened, 1);
  assert.equal(outcome.notOpened.length, 1);
  assert.match(outcome.notOpened[0]!, /already has an open episode of need/);
  assert.equal(await countRows(t.db, `episode where person_id = $1`, [older]), 1, 'no second episode');
  assert.equal((await episodeOf(older))[0]!.id, before!.id);
  assert.equal((await episodeOf(younger)).length, 1);
  // The immediate protection decision still starts the older child's strategy discussion clock.
  const page = await (await sessionAs(t, 'tm')).get(`/people/${older}/casework`);
  const text = page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  assert.match(text, /Strategy discussion[^.]*?3 June 2025/);
});

test('the decision page asks for the team when the children go to social care, names the problem, and says what the decision started', async () => {
  const child = await indexPerson(t, { given: 'Paged', family: 'Decided', dob: '2014-02-02' });
  const contact = await contactAbout([{ id: child, given: 'Paged' }], new Date().toISOString());
  const m = await sessionAs(t, 'mashmgr');
  const page = await m.get(`/mash/contacts/${contact}/decision`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Which team will the work wait for\?/);
  assert.match(page.body, /Assessment Team North/);
  assert.doesNotMatch(page.body, /<option value="[^"]*">MASH<\/option>/, 'not the MASH itself');

  const form = {
    version: '1',
    decision: 'strategy_section_47',
    rationale: 'Significant harm suspected.',
    feedback: 'A social worker will see the children today.',
  };
  const missing = await m.post(`/mash/contacts/${contact}/decision`, form);
  assert.equal(missing.statusCode, 400);
  assert.match(
    missing.body,
    /govuk-error-summary[\s\S]*href="#teamId"[^>]*>Select the team the work will wait for/,
  );
  const stranger = await m.post(`/mash/contacts/${contact}/decision`, {
    ...form,
    teamId: crypto.randomUUID(),
  });
  assert.equal(stranger.statusCode, 400);
  assert.match(stranger.body, /Select the team the work will wait for, from the list/);
  assert.equal(await countRows(t.db, `referral where contact_id = $1`, [contact]), 0, 'nothing saved');

  const done = await m.post(`/mash/contacts/${contact}/decision`, { ...form, teamId: north });
  assert.equal(done.statusCode, 303);
  assert.equal(done.headers.location, `/mash/contacts/${contact}?done=decided-started`);
  const after = await m.get(String(done.headers.location));
  assert.match(after.body, /episodes of need are open and their clocks have started/);
});

test('early help needs no team and opens no episode', async () => {
  const child = await indexPerson(t, { given: 'Early', family: 'Decided', dob: '2017-02-02' });
  const contact = await contactAbout([{ id: child, given: 'Early' }], '2025-08-21T09:00:00Z');
  const outcome = await decideAs(contact, 'early_help', '2025-08-21T12:00:00Z', undefined);
  assert.deepEqual(outcome, { episodesOpened: 0, notOpened: [] });
  assert.equal((await episodeOf(child)).length, 0);
});

test('the decision page shows each agency’s answer beside the decision', async () => {
  const child = await indexPerson(t, { given: 'Answered', family: 'Decided', dob: '2014-02-02' });
  // Rated red on arrival (immediate risk), so the requests have their deadlines.
  const contact = await contactAbout([{ id: child, given: 'Answered' }], new Date().toISOString(), true);
  await createRequests(t.db, mash, contact, {
    agencyIds: [t.org.agencies.police!, t.org.agencies.probation!],
    question: 'What do you know of the household?',
  });
  const [req] = await t.db.query<{ id: string }>(
    `select id from information_request where contact_id = $1 and agency_id = $2`,
    [contact, t.org.agencies.police],
  );
  const [asked] = await answerFormFor(t.db, police, req!.id);
  await answerRequest(t.db, police, req!.id, {
    answers: [{ subjectId: asked!.id, holds: true, answer: 'Two domestic abuse callouts this year.' }],
  });
  const page = (await (await sessionAs(t, 'mashmgr')).get(`/mash/contacts/${contact}/decision`)).body;
  const aside = page.slice(page.indexOf('What agencies told us'));
  assert.ok(aside.length < page.length, 'the answers are on the page');
  assert.match(
    aside,
    /Elmshire Constabulary[\s\S]*Holds information[\s\S]*Two domestic abuse callouts this year\./,
  );
  assert.match(aside, /Awaiting answer/, 'the agency that has not answered yet is shown as waiting');
});

test('siblings may have different decisions: each child’s own decision hands them on, and every child must have one', async () => {
  const older = await indexPerson(t, { given: 'Sibling', family: 'Decided', dob: '2011-01-01' });
  const younger = await indexPerson(t, { given: 'Baby', family: 'Decided', dob: '2023-01-01' });
  const contact = await contactAbout(
    [
      { id: older, given: 'Sibling' },
      { id: younger, given: 'Baby' },
    ],
    new Date().toISOString(),
  );
  const m = await sessionAs(t, 'mashmgr');
  const page = await m.get(`/mash/contacts/${contact}/decision`);
  assert.match(page.body, /Is the decision the same for every child\?/);
  assert.match(
    page.body,
    /name="perChild" type="radio" value="same" checked/,
    'the same for all, by default',
  );
  assert.match(page.body, new RegExp(`name="childDecisions-${older}"`));

  const form = {
    version: '1',
    perChild: 'each',
    [`childDecisions-${older}`]: 'strategy_section_47',
    rationale: 'The older child disclosed harm; the baby needs support.',
    feedback: 'A social worker will visit today; the family will be offered early help for the baby.',
    teamId: north,
  };
  const missing = await m.post(`/mash/contacts/${contact}/decision`, form);
  assert.equal(missing.statusCode, 400);
  assert.match(
    missing.body,
    new RegExp(`href="#childDecisions-${younger}"[^>]*>Select the decision for Baby Decided`),
  );
  assert.equal(await countRows(t.db, `referral where contact_id = $1`, [contact]), 0);

  const done = await m.post(`/mash/contacts/${contact}/decision`, {
    ...form,
    [`childDecisions-${younger}`]: 'early_help',
  });
  assert.equal(done.statusCode, 303);
  const [c] = await t.db.query<{ decision: string }>(`select decision from contact where id = $1`, [contact]);
  assert.equal(c!.decision, 'strategy_section_47', 'the contact’s decision is the one that goes furthest');
  const each = await t.db.query<{ person_id: string; decision: string }>(
    `select person_id, decision from contact_person where contact_id = $1`,
    [contact],
  );
  assert.deepEqual(Object.fromEntries(each.map((r) => [r.person_id, r.decision])), {
    [older]: 'strategy_section_47',
    [younger]: 'early_help',
  });
  assert.equal(
    await countRows(t.db, `referral where contact_id = $1 and person_id = $2`, [contact, older]),
    1,
  );
  assert.equal(
    await countRows(t.db, `referral where contact_id = $1 and person_id = $2`, [contact, younger]),
    0,
  );
  assert.equal(
    await countRows(t.db, `early_help_request where contact_id = $1 and person_id = $2`, [contact, younger]),
    1,
  );
  assert.equal((await episodeOf(older)).length, 1);
  assert.equal((await episodeOf(younger)).length, 0);
});

test('the referrer reads the MASH’s feedback on what happens next, not the rationale; the feedback is required', async () => {
  const child = await indexPerson(t, { given: 'Feedback', family: 'Decided', dob: '2014-02-02' });
  const contact = await contactAbout([{ id: child, given: 'Feedback' }], new Date().toISOString());
  const teacherPage = await sessionAs(t, 'teacher');
  assert.doesNotMatch((await teacherPage.get(`/referrals/${contact}`)).body, /What happens next/);
  const m = await sessionAs(t, 'mashmgr');
  const form = { version: '1', decision: 'early_help', rationale: 'Private reasoning of the MASH manager.' };
  const missing = await m.post(`/mash/contacts/${contact}/decision`, form);
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /href="#feedback"[^>]*>Enter what happens next, for the referrer/);
  const done = await m.post(`/mash/contacts/${contact}/decision`, {
    ...form,
    feedback: 'The family will be offered early help; an early help worker will call you this week.',
  });
  assert.equal(done.statusCode, 303);
  const mine = (await teacherPage.get(`/referrals/${contact}`)).body;
  assert.match(mine, /What happens next[\s\S]*an early help worker will call you this week/);
  assert.doesNotMatch(mine, /Private reasoning/);
});
