// The MASH hub: clocks and settings, requests, decisions (one wins), hand-on records, repeats, and
// what partner agencies' MASH staff may and may not see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, sessionFor, useApp } from '../../../../test/helpers/app.ts';
import { indexPerson } from '../../../../test/helpers/people.ts';
import { countRows } from '../../../../test/helpers/rows.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { hasPersonAccess } from '../../../platform/access/policy.ts';
import { actorFor } from '../../people/test-support.ts';
import {
  createRequests,
  decide,
  linkSubject,
  setRag,
  setRequestDeadlines,
  submitFromApi,
} from '../service.ts';
import type { Decision, Rag } from '../codes.ts';
import { referralAbout, userLike } from '../test-support.ts';

let teacher: Actor;
let mash: Actor;
let mgr: Actor;
let mgr2Id: string;

const t = useApp(async () => {
  teacher = await actorFor(t.db, t.org.users.teacher!);
  mash = await actorFor(t.db, t.org.users.mash!);
  mgr = await actorFor(t.db, t.org.users.mashmgr!);
  mgr2Id = await userLike(t, 'mashmgr', 'mash.manager2@together.example', 'Second Manager');
});

const input = (givenName = 'Ellie', familyName = 'Marsh', dateOfBirth = '2016-05-04') =>
  referralAbout({ givenName, familyName, dateOfBirth, sex: 'female' });

/** What the referrer is told happens next. */
const FEEDBACK = 'A social worker will contact the family this week.';

/** A contact about a child, its child linked to a record; returns both ids. */
/** The MASH manager decides a contact as first read (version 1), now or at a time. */
const managerDecides = (contactId: string, decision: Decision, rationale: string, at?: string) =>
  decide(
    t.db,
    mgr,
    contactId,
    {
      version: 1,
      decision,
      rationale,
      teamId: t.org.teams['council:Assessment Team North'],
      feedback: FEEDBACK,
    },
    at ? new Date(at) : undefined,
  );

async function contactAbout(personId: string | null, at = new Date(), who = input()) {
  const r = await submitFromApi(t.db, teacher, who, at);
  if (personId) {
    const [s] = await t.db.query<{ id: string }>(`select id from contact_subject where contact_id = $1`, [
      r.contactId,
    ]);
    await linkSubject(t.db, mash, r.contactId, s!.id, personId);
  }
  return r.contactId;
}

test('information requests are due by the RAG rating: red 4 hours, amber 1 working day, green 3; a partnership may change them', async () => {
  const child = await indexPerson(t, { given: 'Rag', family: 'Rating', dob: '2017-01-01' });
  const contactId = await contactAbout(child);
  const police = t.org.agencies.police!;
  await assert.rejects(
    createRequests(t.db, mash, contactId, { agencyIds: [police], question: 'Q' }),
    /RAG rating first/,
  );
  // Friday 13 June 2025, 15:00 London.
  const friday = new Date('2025-06-13T14:00:00Z');
  const dueFor = async (rag: Rag) => {
    await t.db.query(`update information_request set status = 'withdrawn' where contact_id = $1`, [
      contactId,
    ]);
    await setRag(t.db, mash, contactId, rag);
    await createRequests(
      t.db,
      mash,
      contactId,
      { agencyIds: [police], question: 'What do you know?' },
      friday,
    );
    const [r] = await t.db.query<{ due_at: Date }>(
      `select due_at from information_request where contact_id = $1 and status = 'open'`,
      [contactId],
    );
    return new Date(r!.due_at).toISOString();
  };
  assert.equal(await dueFor('red'), '2025-06-13T18:00:00.000Z');
  assert.equal(await dueFor('amber'), '2025-06-16T23:00:00.000Z', 'end of Monday in London (BST)');
  assert.equal(await dueFor('green'), '2025-06-18T23:00:00.000Z', 'end of Wednesday');
  const admin = await actorFor(t.db, t.org.users.admin!);
  await setRequestDeadlines(t.db, admin, {
    red: { hours: 2 },
    amber: { workingDays: 0 },
    green: { workingDays: 5 },
  });
  assert.equal(await dueFor('red'), '2025-06-13T16:00:00.000Z');
  assert.equal(await dueFor('amber'), '2025-06-13T23:00:00.000Z');
  await assert.rejects(setRequestDeadlines(t.db, mash, { red: { hours: 1 } }), /permission/);
  await assert.rejects(setRequestDeadlines(t.db, admin, { red: { hours: -1 } }));
  await t.db.query(`delete from partnership_setting`);
  // Only agencies of the partnership, never the hub's own; one open request per agency.
  await assert.rejects(
    createRequests(t.db, mash, contactId, { agencyIds: [t.org.agencies.council!], question: 'Q' }),
    /Select the agencies/,
  );
  await assert.rejects(
    createRequests(t.db, mash, contactId, { agencyIds: [police], question: 'Again' }),
    /already has an open request/,
  );
});

test('two managers deciding the same contact at once: one wins, the other is told who decided (409)', async () => {
  const child = await indexPerson(t, { given: 'Race', family: 'Condition', dob: '2015-03-03' });
  const contactId = await contactAbout(child);
  const one = await sessionAs(t, 'mashmgr');
  const two = await sessionFor(t, mgr2Id);
  const [p1, p2] = await Promise.all([
    one.get(`/mash/contacts/${contactId}/decision`),
    two.get(`/mash/contacts/${contactId}/decision`),
  ]);
  const version = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!;
  const [a, b] = await Promise.all([
    one.post(`/mash/contacts/${contactId}/decision`, {
      version: version(p1.body),
      decision: 'early_help',
      rationale: 'Needs support, no significant harm.',
      feedback: FEEDBACK,
    }),
    two.post(`/mash/contacts/${contactId}/decision`, {
      version: version(p2.body),
      decision: 'section_17',
      rationale: 'A child in need assessment is needed.',
      feedback: FEEDBACK,
      teamId: t.org.teams['council:Assessment Team North']!,
    }),
  ]);
  const codes = [a.statusCode, b.statusCode].sort();
  assert.deepEqual(codes, [303, 409]);
  const loser = a.statusCode === 409 ? a : b;
  assert.match(loser.body, /decided this contact/);
  assert.match(loser.body, /Your decision was not saved/);
  const [c] = await t.db.query<{ decision: string }>(`select decision from contact where id = $1`, [
    contactId,
  ]);
  assert.ok(['early_help', 'section_17'].includes(c!.decision));
  assert.equal(
    await countRows(
      t.db,
      `chronology_entry where person_id = $1 and origin = 'system' and summary like 'Front door decision%'`,
      [child],
    ),
    1,
    'one decision',
  );
  // A stale page (the RAG changed since) is also refused, not silently decided.
  const child2 = await indexPerson(t, { given: 'Stale', family: 'Page', dob: '2015-03-03' });
  const second = await contactAbout(child2);
  await setRag(t.db, mash, second, 'red');
  await assert.rejects(
    decide(t.db, mgr, second, {
      version: 1,
      decision: 'no_further_action',
      rationale: 'Nothing to do here.',
      feedback: FEEDBACK,
    }),
    /changed after you opened it/,
  );
});

test('only a MASH manager decides; every child must be linked first, and the rationale given', async () => {
  const contactId = await contactAbout(null);
  await assert.rejects(
    decide(t.db, mash, contactId, {
      version: 1,
      decision: 'early_help',
      rationale: 'Because.',
      feedback: FEEDBACK,
    }),
    /permission/,
  );
  await assert.rejects(
    decide(t.db, mgr, contactId, {
      version: 1,
      decision: 'early_help',
      rationale: 'Early help will support the family.',
      feedback: FEEDBACK,
    }),
    /Link Ellie Marsh to a record/,
  );
  const res = await (
    await sessionAs(t, 'mashmgr')
  ).post(`/mash/contacts/${contactId}/decision`, { version: '1', decision: 'nonsense', rationale: '' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /href="#decision"/);
  assert.match(res.body, /href="#rationale"/);
});

test('decisions hand on: section 47 and immediate protection to a referral awaiting allocation, early help to its list, advice to neither; repeats flagged', async () => {
  const child = await indexPerson(t, { given: 'Handed', family: 'On', dob: '2014-07-07' });
  const earlier = await contactAbout(child, new Date('2025-01-10T10:00:00Z'));
  await managerDecides(earlier, 'strategy_section_47', 'Significant harm suspected.', '2025-01-10T15:00:00Z');
  const later = await contactAbout(child, new Date('2025-06-10T10:00:00Z'));
  const [c] = await t.db.query<{ repeat_of: string }>(`select repeat_of from contact where id = $1`, [later]);
  assert.equal(c!.repeat_of, earlier, 'a contact within 12 months of an earlier one is a repeat');
  const page = await (await sessionAs(t, 'mash')).get(`/mash/contacts/${later}`);
  assert.match(page.body, /Repeat within 12 months/);
  await managerDecides(
    later,
    'immediate_protection',
    'Police protection used tonight.',
    '2025-06-10T12:00:00Z',
  );
  const refs = await t.db.query<{ decision: string; status: string; repeat_of: string | null }>(
    `select decision, status, repeat_of from referral where person_id = $1 order by referral_date`,
    [child],
  );
  assert.deepEqual(
    refs.map((r) => [r.decision, r.status]),
    [
      ['strategy_section_47', 'awaiting_allocation'],
      ['immediate_protection', 'awaiting_allocation'],
    ],
  );
  assert.ok(refs[1]!.repeat_of, 'a repeat referral within 12 months');
  /** A new contact about a new child, decided by the manager. */
  const decidedAbout = async (given: string, family: string, decision: Decision, rationale: string) => {
    const child = await indexPerson(t, { given, family, dob: '2018-02-02' });
    const contact = await contactAbout(child);
    await managerDecides(contact, decision, rationale);
    return { child, contact };
  };
  const eh = await decidedAbout('Early', 'Help', 'early_help', 'Family support will help.');
  assert.equal(
    await countRows(t.db, `early_help_request where contact_id = $1 and status = 'waiting'`, [eh.contact]),
    1,
  );
  assert.equal(await countRows(t.db, `referral where contact_id = $1`, [eh.contact]), 0);
  const nfa = await decidedAbout('No', 'Action', 'information_advice', 'Advice given to the school.');
  assert.equal(
    (await countRows(t.db, `referral where contact_id = $1`, [nfa.contact])) +
      (await countRows(t.db, `early_help_request where contact_id = $1`, [nfa.contact])),
    0,
  );
  // The hub's access to the records ends with the decision.
  assert.equal(await hasPersonAccess(t.db, mash, nfa.child), false);
});

test('partner agencies’ MASH staff see the requests addressed to their agency, and only what answering needs', async () => {
  const child = await indexPerson(t, { given: 'Need', family: 'Toknow', dob: '2016-06-06', nhs: null });
  const contactId = await contactAbout(child);
  const police = await actorFor(t.db, t.org.users.police!);
  const health = await actorFor(t.db, t.org.users.health!);
  assert.equal(await hasPersonAccess(t.db, mash, child), true, 'the hub sees a child on an open contact');
  assert.equal(await hasPersonAccess(t.db, police, child), false, 'police MASH staff do not, by the contact');
  await setRag(t.db, mash, contactId, 'amber');
  await createRequests(t.db, mash, contactId, {
    agencyIds: [t.org.agencies.police!],
    question: 'Known to police?',
  });
  const [req] = await t.db.query<{ id: string }>(`select id from information_request where contact_id = $1`, [
    contactId,
  ]);
  const pc = await sessionAs(t, 'police');
  assert.equal((await pc.get('/mash')).headers.location, '/information-requests');
  // The queue sends them to their agency's requests: that page, not the hub's, is what they see.
  const queue = await pc.get('/mash?status=all');
  assert.equal(queue.statusCode, 302);
  assert.equal(queue.headers.location, '/information-requests');
  const landing = await pc.get(queue.headers.location!);
  assert.equal(landing.statusCode, 200);
  assert.ok(!landing.body.includes(`/mash/contacts/${contactId}`), 'not the hub’s contact');
  assert.ok(!landing.body.includes('A concern'), 'not the concern');
  assert.ok(!landing.body.includes('Rachel Turner'), 'not the referrer');
  for (const url of [`/mash/contacts/${contactId}`, `/mash/contacts/${contactId}/decision`]) {
    const res = await pc.get(url);
    assert.equal(res.statusCode, 403, url);
    assert.ok(!res.body.includes('Toknow'), `${url} shows no personal data`);
  }
  const hc = await sessionAs(t, 'health');
  const notTheirs = await hc.get(`/information-requests/${req!.id}`);
  assert.equal(notTheirs.statusCode, 404);
  assert.ok(!notTheirs.body.includes('Toknow'));
  assert.equal((await hc.post(`/information-requests/${req!.id}`, { holds: 'no' })).statusCode, 404);
  assert.ok(!(await hc.get('/information-requests')).body.includes('Toknow'));
  const view = await pc.get(`/information-requests/${req!.id}`);
  assert.equal(view.statusCode, 200);
  assert.match(view.body, /Toknow/);
  assert.ok(!view.body.includes('A concern'), 'not the concern');
  assert.ok(!view.body.includes('Rachel Turner'), 'not the referrer');
  const audited = await t.db.query<{ action: string }>(
    `select action from audit_event where user_id = $1 and (person_id = $2 or action like 'info_request.%')`,
    [t.org.users.police, child],
  );
  assert.ok(audited.some((a) => a.action === 'info_request.view'));
  assert.ok(
    audited.some((a) => a.action === 'person.listed'),
    'the look at each person is audited',
  );
  // One answer per person asked about: "yes" with nothing said about the child is refused.
  const [subject] = await t.db.query<{ id: string }>(`select id from contact_subject where contact_id = $1`, [
    contactId,
  ]);
  const bad = await pc.post(`/information-requests/${req!.id}`, {
    [`holds-${subject!.id}`]: 'yes',
    [`answer-${subject!.id}`]: '',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Enter what your agency knows about Ellie Marsh/);
  void health;
});

test('restricted records are never offered as candidates, and cannot be linked by guessing their id', async () => {
  const hidden = await indexPerson(t, {
    given: 'Secret',
    family: 'Adoptee',
    dob: '2019-09-09',
    restricted: true,
  });
  const contactId = await contactAbout(null, new Date(), input('Secret', 'Adoptee', '2019-09-09'));
  const [s] = await t.db.query<{ id: string }>(`select id from contact_subject where contact_id = $1`, [
    contactId,
  ]);
  const c = await sessionAs(t, 'mash');
  const page = await c.get(`/mash/contacts/${contactId}/people/${s!.id}`);
  assert.equal(page.statusCode, 200);
  assert.ok(!page.body.includes(hidden), 'not a candidate');
  const link = await c.post(`/mash/contacts/${contactId}/people/${s!.id}/link`, { personId: hidden });
  assert.equal(link.statusCode, 404);
  assert.equal(await countRows(t.db, `contact_person where person_id = $1`, [hidden]), 0);
});

test('the queue names a child from the index only while the hub may open the record', async () => {
  const child = await indexPerson(t, { given: 'Closed', family: 'Earlier', dob: '2014-04-04' });
  const [c] = await t.db.query<{ id: string }>(
    `insert into contact (partnership_id, status, received_at) values ($1, 'closed', now() - interval '40 days') returning id`,
    [t.org.partnershipId],
  );
  await t.db.query(`insert into contact_person (contact_id, person_id, partnership_id) values ($1,$2,$3)`, [
    c!.id,
    child,
    t.org.partnershipId,
  ]);
  const hub = await sessionAs(t, 'mash');
  const closed = await hub.get('/mash?status=decided');
  assert.equal(closed.statusCode, 200);
  assert.ok(closed.body.includes(`/mash/contacts/${c!.id}`), 'the contact is listed');
  assert.ok(!closed.body.includes('Earlier'), 'not the name of a record the hub may no longer open');
  await t.db.query(`update contact set status = 'open' where id = $1`, [c!.id]);
  assert.ok((await hub.get('/mash')).body.includes('Closed Earlier'), 'named while the contact is open');
});
