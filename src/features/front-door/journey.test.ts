// The front door end to end: a teacher's referral reaches the MASH, is matched to the child and to a
// known adult, gathers answers from police and health, is decided in time, and the teacher sees the
// outcome (and only the outcome).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../test/helpers/app.ts';
import { indexPerson } from '../../../test/helpers/people.ts';
import { countRows } from '../../../test/helpers/rows.ts';
import { chronologyEntry, fillDraft, nhs, startDraft, submit } from './test-support.ts';

let child: string;
let partner: string;
let stranger: string;
const CHILD_NHS = nhs('943476591');

const t = useApp(async () => {
  const pid = t.org.partnershipId;
  child = await indexPerson(t, {
    given: 'Ellie',
    family: 'Marsh',
    dob: '2016-05-04',
    sex: 'female',
    nhs: CHILD_NHS,
    postcode: 'EL1 2AB',
  });
  partner = await indexPerson(t, {
    kind: 'adult',
    given: 'Lee',
    family: 'Carter',
    dob: '1988-08-12',
    sex: 'male',
  });
  stranger = await indexPerson(t, { given: 'Other', family: 'Child', dob: '2015-01-01' });
  await chronologyEntry(t.db, pid, partner, t.org.agencies.police!, {
    category: 'domestic_abuse',
    summary: 'Police called to a domestic incident; Lee Carter arrested for assault on a previous partner',
  });
  await chronologyEntry(t.db, pid, partner, t.org.agencies.police!, {
    category: 'police_incident',
    summary: 'Police-only intelligence about Lee Carter',
    visibility: 'agency',
  });
  await chronologyEntry(t.db, pid, partner, t.org.agencies.gp!, {
    category: 'health',
    summary: 'GP appointment',
  });
});

test('a teacher’s referral is matched, answered by police and health, decided in time, and the teacher sees the outcome', async () => {
  const teacher = await sessionAs(t, 'teacher');
  const draftId = await startDraft(teacher);
  await fillDraft(teacher, draftId, {
    child: { nhsNumber: CHILD_NHS.replace(/(\d{3})(\d{3})(\d{4})/, '$1 $2 $3') },
  });
  const check = await teacher.get(`/referrals/drafts/${draftId}/check`);
  assert.equal(check.statusCode, 200);
  assert.match(check.body, /Check your answers before sending the referral/);
  assert.match(check.body, /Lee Carter/);
  const contactId = await submit(teacher, draftId);
  const confirmation = await teacher.get(`/referrals/${contactId}/confirmation`);
  assert.equal(confirmation.statusCode, 200);
  const reference = /R-\d{4}-\d{6}/.exec(confirmation.body)?.[0];
  assert.ok(reference, 'the confirmation panel shows a reference');
  assert.match(confirmation.body, /govuk-panel/);

  // The MASH queue shows it, with its clock.
  const mash = await sessionAs(t, 'mash');
  const queue = await mash.get('/mash');
  assert.equal(queue.statusCode, 200);
  assert.ok(queue.body.includes(reference!), 'the contact is in the queue');
  assert.match(queue.body, /Not rated/);
  const subjects = await t.db.query<{ id: string; kind: string }>(
    `select id, kind from contact_subject where contact_id = $1 order by position`,
    [contactId],
  );
  assert.deepEqual(
    subjects.map((s) => s.kind),
    ['child', 'adult'],
  );

  // Matching: the child's candidates rank the seeded record first, with why.
  const match = await mash.get(`/mash/contacts/${contactId}/people/${subjects[0]!.id}`);
  assert.equal(match.statusCode, 200);
  assert.match(match.body, /Ellie Marsh/);
  assert.match(match.body, /NHS number/);
  assert.ok(match.body.indexOf(child) > 0, 'the seeded child is a candidate');
  assert.ok(!match.body.includes(stranger), 'an unlike child is not');
  const linkChild = await mash.post(`/mash/contacts/${contactId}/people/${subjects[0]!.id}/link`, {
    personId: child,
  });
  assert.equal(linkChild.statusCode, 303);
  const adultMatch = await mash.get(`/mash/contacts/${contactId}/people/${subjects[1]!.id}`);
  assert.ok(adultMatch.body.includes(partner), 'the known adult is a candidate');
  const linkAdult = await mash.post(`/mash/contacts/${contactId}/people/${subjects[1]!.id}/link`, {
    personId: partner,
  });
  assert.equal(linkAdult.statusCode, 303);
  assert.equal(await countRows(t.db, `contact_person where contact_id = $1`, [contactId]), 2);

  // The contact page shows what agencies hold about the adult, within visibility.
  const page = await mash.get(`/mash/contacts/${contactId}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /arrested for assault/);
  assert.ok(!page.body.includes('Police-only intelligence'), 'agency-only entries stay with the agency');
  assert.ok(!page.body.includes('GP appointment'), 'only the risk categories');

  // RAG, then requests to police and health.
  assert.equal((await mash.post(`/mash/contacts/${contactId}/rag`, { rag: 'amber' })).statusCode, 303);
  const sent = await mash.post(`/mash/contacts/${contactId}/requests`, {
    agencyIds: [t.org.agencies.police!, t.org.agencies.icb!],
    question: 'Any incidents involving Lee Carter or at 12 Alder Road?',
  });
  assert.equal(sent.statusCode, 303);
  const requests = await t.db.query<{ id: string; agency_id: string; due_at: Date; requested_at: Date }>(
    `select id, agency_id, due_at, requested_at from information_request where contact_id = $1`,
    [contactId],
  );
  assert.equal(requests.length, 2);
  const policeRequest = requests.find((r) => r.agency_id === t.org.agencies.police)!;
  const healthRequest = requests.find((r) => r.agency_id === t.org.agencies.icb)!;

  // Police answer; they see who and the question, not the concern, the referrer or the record.
  const police = await sessionAs(t, 'police');
  const list = await police.get('/information-requests');
  assert.equal(list.statusCode, 200);
  assert.ok(list.body.includes(reference!));
  const form = await police.get(`/information-requests/${policeRequest.id}`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Any incidents involving Lee Carter/);
  assert.match(form.body, /Ellie/);
  assert.ok(!form.body.includes('bruising'), 'not the concern');
  assert.ok(!form.body.includes('Rachel Turner'), 'not the referrer');
  assert.equal(
    (await police.get(`/information-requests/${healthRequest.id}`)).statusCode,
    404,
    'not health’s request',
  );
  assert.equal((await police.get(`/mash/contacts/${contactId}`)).statusCode, 403, 'not the contact');
  assert.ok([403, 404].includes((await police.get(`/people/${child}`)).statusCode), 'not the record');
  // One answer per person asked about: nothing on Ellie, the callouts on Lee.
  const [ellie, lee] = subjects.map((x) => x.id);
  const answered = await police.post(`/information-requests/${policeRequest.id}`, {
    [`holds-${ellie}`]: 'no',
    [`holds-${lee}`]: 'yes',
    [`answer-${lee}`]: 'Two domestic abuse callouts in 2024; bail conditions ended March 2025.',
  });
  assert.equal(answered.statusCode, 303);
  const nothing = { [`holds-${ellie}`]: 'no', [`holds-${lee}`]: 'no' };
  const again = await police.post(`/information-requests/${policeRequest.id}`, nothing);
  assert.equal(again.statusCode, 409, 'an answered request cannot be answered again');
  const health = await sessionAs(t, 'health');
  assert.equal((await health.post(`/information-requests/${healthRequest.id}`, nothing)).statusCode, 303);

  const withAnswers = await mash.get(`/mash/contacts/${contactId}`);
  assert.match(withAnswers.body, /<strong>Lee Carter<\/strong>: Two domestic abuse callouts/);
  assert.match(withAnswers.body, /<strong>Ellie Marsh<\/strong>: holds nothing/);

  // The manager decides: a section 17 assessment, in time.
  const mgr = await sessionAs(t, 'mashmgr');
  const decisionPage = await mgr.get(`/mash/contacts/${contactId}/decision`);
  assert.equal(decisionPage.statusCode, 200);
  const version = /name="version" value="(\d+)"/.exec(decisionPage.body)?.[1];
  assert.ok(version);
  const decided = await mgr.post(`/mash/contacts/${contactId}/decision`, {
    version: version!,
    decision: 'section_17',
    feedback: 'A social worker will assess Ellie’s needs with the family; they will contact you.',
    teamId: t.org.teams['council:Assessment Team North']!,
    rationale:
      'Disclosure of physical harm by the mother’s partner, with a police history of domestic abuse.',
  });
  assert.equal(decided.statusCode, 303);
  const [c] = await t.db.query<{ status: string; decision: string; decided_at: Date; decision_due: string }>(
    `select status, decision, decided_at, decision_due from contact where id = $1`,
    [contactId],
  );
  assert.equal(c!.status, 'decided');
  assert.equal(c!.decision, 'section_17');
  const { endOfLondonDay } = await import('./timing.ts');
  assert.ok(new Date(c!.decided_at) < endOfLondonDay(c!.decision_due), 'decided in time');
  const [referral] = await t.db.query<{ status: string; person_id: string }>(
    `select status, person_id from referral where contact_id = $1`,
    [contactId],
  );
  assert.equal(referral?.status, 'awaiting_allocation');
  assert.equal(referral?.person_id, child);
  assert.equal(
    await countRows(
      t.db,
      `chronology_entry where person_id = $1 and origin = 'system' and category = 'referral'`,
      [child],
    ),
    2,
    'the decision, and the episode of need it opened',
  );
  assert.equal(await countRows(t.db, `episode where person_id = $1 and status = 'open'`, [child]), 1);
  assert.equal(
    await countRows(t.db, `information_request where contact_id = $1 and status = 'answered'`, [contactId]),
    2,
  );

  // The teacher sees that it was decided and what, not the record or the rationale.
  const mine = await teacher.get('/referrals');
  assert.match(mine.body, /Decided/);
  assert.match(mine.body, /Section 17 assessment/);
  const detail = await teacher.get(`/referrals/${contactId}`);
  assert.equal(detail.statusCode, 200);
  assert.match(detail.body, /Section 17 assessment/);
  assert.ok(!detail.body.includes('police history'), 'not the rationale');
  assert.ok(!detail.body.includes('domestic abuse callouts'), 'not other agencies’ answers');
  assert.ok(!detail.body.includes(child), 'no link to the record');

  const outbox = await t.db.query<{ kind: string; recipient_user_id: string; body: string }>(
    `select kind, recipient_user_id, body from notification_outbox where contact_id = $1 order by created_at`,
    [contactId],
  );
  assert.deepEqual(
    outbox.map((o) => o.kind),
    ['referral.received', 'referral.decided'],
  );
  assert.ok(outbox.every((o) => o.recipient_user_id === t.org.users.teacher));
  assert.ok(
    outbox.every((o) => !o.body.includes('Ellie')),
    'no child’s name in a message',
  );

  // Everything was audited.
  const actions = new Set(
    (await t.db.query<{ action: string }>(`select distinct action from audit_event`)).map((r) => r.action),
  );
  for (const a of [
    'contact.create',
    'mash.queue_view',
    'person.match_candidate',
    'contact.subject_linked',
    'contact.view',
    'chronology.read',
    'info_request.create',
    'info_request.view',
    'info_request.answer',
    'contact.decide',
    'contact.view_own',
  ])
    assert.ok(actions.has(a), `audited: ${a}`);
  const admin = await sessionAs(t, 'admin');
  const notifications = await admin.get('/admin/notifications');
  assert.equal(notifications.statusCode, 200);
  assert.ok(notifications.body.includes(reference!));
});
