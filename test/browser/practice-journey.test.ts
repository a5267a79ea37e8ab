// Issue 11's "done when" in a real browser, as new users would walk it: a teacher refers three
// brothers and sisters and says a child is at immediate risk; the referral heads the MASH queue, red,
// and the MASH managers are told; the MASH links the people and decides "strategy discussion /
// section 47", which opens each child's episode and starts the strategy discussion clock; the team
// manager opens the children waiting for the team and allocates the three together; the social
// worker records one strategy discussion for the three, a section 47 enquiry for each, one initial
// conference for the three and a child protection plan with its content. Every page visited is
// checked with axe after its own scripts ran, and every link on it is followed for the user who sees
// it: none may end in 403, 409 or a server error. At the end the teacher reads the MASH's feedback.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { addDays, addWorkingDays, isWorkingDay } from '../../src/platform/calendar.ts';
import { dueDate } from '../../src/platform/clocks.ts';
import { formatDate, londonToday } from '../../src/platform/dates.ts';
import { mashPhoneFor } from '../../src/features/front-door/settings.ts';
import { date, fill, fillDate, radio, type Fields } from './forms.ts';
import { checkPage, signInAs, startSite, type Site } from './harness.ts';

let site: Site;
let partnershipId: string;
let agencies: Record<string, string>;
/** A child waiting for the team since before the referral. */
let waiting: { id: string; name: string };

/** The family the teacher refers: three children of one household, and their father. */
const FAMILY = 'Quennington';
const CHILDREN = [
  { given: 'Maisie', dob: '2013-03-12', sex: 'Female' },
  { given: 'Alfie', dob: '2016-07-01', sex: 'Male' },
  { given: 'Poppy', dob: '2019-11-20', sex: 'Female' },
];
const FATHER = { given: 'Lee', dob: '1984-02-02' };
const FEEDBACK =
  'A social worker and the police will talk today about how to keep the children safe; a social worker will contact you this week.';

/** What the journey learns as it goes, for the steps after. */
const state: {
  reference?: string;
  contactId?: string;
  children?: { id: string; name: string }[];
  decidedOn?: string;
  receivedOn?: string;
} = {};

/**
 * The day the meetings are held: today when it is a working day. No casework date may be in the
 * future and a conference is never held at a weekend, so on a weekend or bank holiday the journey
 * is the one of a referral received and decided on the last working day (the test moves the
 * contact's dates back once the queue has shown it) and worked that day.
 */
const today = londonToday();
let meetingDay = today;
while (!isWorkingDay(meetingDay)) meetingDay = addDays(meetingDay, -1);

before(async () => {
  site = await startSite(40);
  const [p] = await site.db.query<{ id: string }>('select id from partnership');
  partnershipId = p!.id;
  const rows = await site.db.query<{ id: string; name: string }>('select id, name from agency');
  agencies = Object.fromEntries(rows.map((r) => [r.name, r.id]));
  // A child already waiting for the team: referred a fortnight ago for a section 17 assessment, due
  // in weeks. The siblings, referred later but due sooner, must come before them.
  const [c] = await site.db.query<{ id: string; name: string }>(
    `select p.id, p.given_name || ' ' || p.family_name as name from person p
     where p.kind = 'child' and not p.unborn and not p.restricted and p.date_of_birth < '2020-01-01'
       and not exists (select 1 from allocation a where a.person_id = p.id)
       and not exists (select 1 from episode e where e.person_id = p.id)
       and not exists (select 1 from referral r where r.person_id = p.id)
     order by p.id limit 1`,
  );
  assert.ok(c, 'the seed made a child without casework');
  waiting = c;
  const [team] = await site.db.query<{ id: string }>(
    `select id from team where name = 'Assessment Team North'`,
  );
  const earlier = addDays(meetingDay, -14);
  const [contact] = await site.db.query<{ id: string }>(
    `insert into contact (partnership_id, status, decision, decided_at, received_at, rag)
     values ($1, 'decided', 'section_17', $2::date + time '10:00', $2::date + time '09:00', 'amber')
     returning id`,
    [partnershipId, earlier],
  );
  await site.db.query(
    'insert into contact_person (contact_id, person_id, partnership_id) values ($1,$2,$3)',
    [contact!.id, c.id, partnershipId],
  );
  await site.db.query(
    `insert into referral (partnership_id, contact_id, person_id, decision, referral_date, received_at,
       decided_at, team_id, rag)
     values ($1, $2, $3, 'section_17', $4, $4::date + time '09:00', $4::date + time '10:00', $5, 'amber')`,
    [partnershipId, contact!.id, c.id, earlier, team!.id],
  );
});
after(() => site?.close());

/** Each user's browser, signed in once. */
const pages = new Map<string, Page>();
/** The addresses each user's link check has followed already. */
const followed = new Map<string, Set<string>>();

async function as(key: string): Promise<Page> {
  let page = pages.get(key);
  if (!page) {
    page = await signInAs(site, key);
    pages.set(key, page);
    await look(page, key, `${key}-home`);
  }
  return page;
}

/** The page as its user sees it: axe after the page's scripts ran, and every link on it followed. */
async function look(page: Page, who: string, name: string): Promise<void> {
  let seen = followed.get(who);
  if (!seen) followed.set(who, (seen = new Set()));
  await checkPage(page, `practice-${name}`, seen);
}

let referralPage = 0;
/** Checks a page of the referral as the teacher filled it in, then saves it and goes on. */
async function saveAndContinue(page: Page) {
  await look(page, 'teacher', `referral-${String(++referralPage).padStart(2, '0')}`);
  await page.getByRole('button', { name: 'Save and continue' }).click();
}

const main = (page: Page) => page.locator('main').innerText();

const casework = (id: string) => `${site.url}/people/${id}/casework`;

/** The clocks table of a child's casework page, as "what | due by" lines. */
async function clocksOf(page: Page): Promise<string> {
  const table = page.locator('main table', { hasText: 'Open work with its due date' });
  if (!(await table.count())) return '';
  const rows = await table.locator('tbody tr').allInnerTexts();
  return rows.map((r) => r.replace(/\s+/g, ' ')).join('\n');
}

/**
 * From the child's casework page, follows the next-step link to `path` (the page offers it), checks
 * the form, fills and saves it, and lands back on the casework page with the success banner.
 */
async function step(
  page: Page,
  who: string,
  childId: string,
  path: string,
  fields: Fields,
  opts: { shows?: RegExp; name: string; from?: string; also?: (page: Page) => Promise<void> },
) {
  await page.goto(opts.from ?? casework(childId));
  await page.locator('h1').waitFor();
  if (opts.from) await look(page, who, `${opts.name}-from`);
  const link = page.locator(`main a[href="/people/${childId}/casework${path}"]`).first();
  assert.equal(await link.count(), 1, `the page offers ${path}`);
  await link.click();
  await page.waitForURL(`${casework(childId)}${path}`);
  if (opts.shows) assert.match(await main(page), opts.shows, path);
  await look(page, who, opts.name);
  await fill(page, fields);
  await opts.also?.(page);
  await page.locator('main form button.govuk-button').click();
  await page.locator('.govuk-notification-banner--success, .govuk-error-summary').first().waitFor();
  const problems = page.locator('.govuk-error-summary');
  if (await problems.count()) assert.fail(`${path} refused: ${await problems.innerText()}`);
  const banner = page.locator('.govuk-notification-banner--success');
  assert.ok(await banner.isVisible(), `${path} saved: ${await main(page)}`);
  await look(page, who, `${opts.name}-saved`);
}

test('1. a teacher refers three siblings at immediate risk and is told to phone the MASH now, or 999', async () => {
  const teacher = await as('teacher');
  await teacher.getByRole('link', { name: 'Referrals', exact: true }).click();
  await look(teacher, 'teacher', 'teacher-referrals');
  await teacher.getByRole('button', { name: 'Make a referral' }).click();

  for (const [i, child] of CHILDREN.entries()) {
    await radio(teacher, 'Has the child been born?', 'Yes').check();
    await fillDate(teacher, 'Date of birth', child.dob);
    await teacher.getByLabel('First name').fill(child.given);
    await teacher.getByLabel('Last name').fill(FAMILY);
    await radio(teacher, 'Sex', child.sex).check();
    await saveAndContinue(teacher);
    await radio(teacher, 'Do you need to add another child?', i < CHILDREN.length - 1 ? 'Yes' : 'No').check();
    await saveAndContinue(teacher);
  }

  await radio(teacher, /Do you know of any adults/, 'Yes').check();
  await saveAndContinue(teacher);
  await teacher.getByLabel('First name').fill(FATHER.given);
  await teacher.getByLabel('Last name').fill(FAMILY);
  await fillDate(teacher, 'Date of birth (optional)', FATHER.dob);
  await teacher.getByLabel('How are they related to the child?').selectOption({ label: 'Father' });
  await radio(teacher, 'Do they live with the child?', 'Yes').check();
  await radio(teacher, 'Sex', 'Male').check();
  await saveAndContinue(teacher);
  await radio(teacher, 'Do you need to add another adult?', 'No').check();
  await saveAndContinue(teacher);

  await teacher.getByLabel('Address line 1').fill('7 Kestrel Close');
  await teacher.getByLabel('Town or city (optional)').fill('Elmbridge');
  await teacher.getByLabel('Postcode').fill('EL4 9QT');
  await saveAndContinue(teacher);

  await teacher
    .getByLabel('What is your concern about the child?')
    .fill(
      'Maisie came to school with a burn on her hand and said her dad held it to the cooker. Alfie and Poppy were there.',
    );
  await saveAndContinue(teacher);

  await radio(teacher, 'Has the child said anything about this?', 'Yes').check();
  await teacher.getByLabel('What did they say, in their own words?').fill('Dad said he would do it again.');
  await saveAndContinue(teacher);

  await radio(teacher, 'Is any child at immediate risk of harm?', 'Yes').check();
  await teacher
    .getByLabel('What is the immediate risk?')
    .fill('The children go home to their father at 3pm today; he threatened to do it again.');
  await saveAndContinue(teacher);

  await radio(teacher, 'Does the family know about this referral?', 'No').check();
  await radio(teacher, 'Does the family consent to this referral?', 'Consent was not asked for').check();
  await teacher
    .getByLabel('Why are you referring without consent?')
    .fill('Asking could put the children at risk tonight.');
  await teacher.getByLabel('Who decided to share without consent?').fill('Rachel Turner, DSL');
  await saveAndContinue(teacher);

  await teacher.getByLabel('Job title or role').fill('Designated safeguarding lead');
  await teacher.getByLabel('Phone number').fill('01632 960 001');
  await saveAndContinue(teacher);

  await teacher.getByRole('heading', { name: 'Check your answers before sending the referral' }).waitFor();
  const check = await main(teacher);
  for (const c of CHILDREN)
    assert.ok(check.includes(`${c.given} ${FAMILY}`), `${c.given} is on the check page`);
  await look(teacher, 'teacher', 'referral-check');
  await teacher.getByRole('button', { name: 'Send the referral' }).click();
  await teacher.waitForURL(/\/referrals\/[0-9a-f-]{36}\/confirmation$/);
  state.contactId = /referrals\/([0-9a-f-]{36})\//.exec(teacher.url())![1];
  state.reference = /R-\d{4}-\d{6}/.exec(await teacher.locator('.govuk-panel').innerText())?.[0];
  assert.ok(state.reference, 'the confirmation shows the reference');

  // The warning names the MASH's number from the local settings, and 999.
  const phone = await mashPhoneFor(site.db, partnershipId);
  const warning = (await teacher.locator('.govuk-warning-text').innerText()).replace(/\s+/g, ' ');
  assert.match(warning, new RegExp(`Phone the MASH now on ${phone.replace(/ /g, '\\s')}`));
  assert.match(warning, /999/);
  await look(teacher, 'teacher', 'referral-confirmation');
});

test('2. the referral heads the MASH queue, red and flagged immediate risk; the MASH managers were told', async () => {
  assert.ok(state.reference, 'the referral was sent');
  const mgr = await as('mashmgr');
  await mgr.getByRole('link', { name: 'MASH', exact: true }).click();
  await mgr.getByRole('heading', { level: 1 }).waitFor();
  const first = mgr.locator('main table tbody tr').first();
  const row = await first.innerText();
  assert.match(row, new RegExp(state.reference!), 'the referral is the first in the queue');
  assert.match(row, /Immediate risk/);
  assert.equal(await first.locator('.govuk-tag--red', { hasText: 'Red' }).count(), 1, 'rated red');
  for (const c of CHILDREN) assert.match(row, new RegExp(c.given));
  // Older contacts wait below it: it is first for its risk, not its arrival.
  assert.ok((await mgr.locator('main table tbody tr').count()) > 1, 'other contacts are open');
  await look(mgr, 'mashmgr', 'mash-queue');

  // The MASH managers have a message each in the outbox, naming the referral and no child.
  const [manager] = await site.db.query<{ id: string }>(
    `select id from app_user where email = 'mash.manager@together.example'`,
  );
  const sent = await site.db.query<{ recipient_user_id: string }>(
    `select recipient_user_id from notification_outbox
     where contact_id = $1 and kind = 'referral.immediate_risk'`,
    [state.contactId],
  );
  const to = sent.map((s) => s.recipient_user_id);
  assert.ok(to.includes(manager!.id), 'the MASH manager is told');
  assert.equal(new Set(to).size, to.length, 'once each');
  const admin = await as('admin');
  await admin.goto(`${site.url}/admin/notifications`);
  const outbox = await main(admin);
  assert.match(outbox, new RegExp(`Immediate risk: referral ${state.reference}`));
  for (const c of CHILDREN) assert.doesNotMatch(outbox, new RegExp(`${c.given} ${FAMILY}`));
  await look(admin, 'admin', 'admin-outbox');
});

test('3. the MASH links the people, the manager decides strategy discussion / section 47, and the work starts', async () => {
  assert.ok(state.contactId, 'the referral was sent');
  const mash = await as('mash');
  await mash.goto(`${site.url}/mash`);
  await look(mash, 'mash', 'mash-queue-officer');
  await mash.getByRole('link', { name: state.reference! }).click();
  await mash.getByRole('heading', { name: state.reference!, level: 1 }).waitFor();
  const contactUrl = `${site.url}/mash/contacts/${state.contactId}`;
  await look(mash, 'mash', 'mash-contact');

  for (const [i, who] of [...CHILDREN, FATHER].entries()) {
    const name = `${who.given} ${FAMILY}`;
    await mash.getByRole('link', { name: `Find a match for ${name}` }).click();
    await mash.getByRole('heading', { name: `Match ${name} to the person index` }).waitFor();
    await look(mash, 'mash', `mash-match-${i + 1}`);
    await mash.getByRole('button', { name: 'Create a new record and link it' }).click();
    await mash.waitForURL((u) => u.href.startsWith(contactUrl) && !u.pathname.includes('/people/'));
    await look(mash, 'mash', `mash-contact-linked-${i + 1}`);
  }
  assert.equal(await mash.getByText('Not linked', { exact: true }).count(), 0, 'everyone is linked');

  if (meetingDay !== today) {
    // A weekend or bank holiday: received on the last working day (see meetingDay):
    // after the queue showed it heading the queue as the newest contact.
    await site.db.query(
      `update contact set received_at = ($2::date + time '09:30') at time zone 'Europe/London' where id = $1`,
      [state.contactId, meetingDay],
    );
  }

  const mgr = await as('mashmgr');
  await mgr.goto(contactUrl);
  await look(mgr, 'mashmgr', 'mash-contact-to-decide');
  await mgr.getByRole('button', { name: 'Make the decision' }).click();
  await mgr.waitForURL(`${contactUrl}/decision`);
  await look(mgr, 'mashmgr', 'mash-decision');
  await radio(mgr, 'Is the decision the same for every child?', 'Yes, the same for every child').check();
  await radio(
    mgr,
    'What is your decision for every child?',
    'Strategy discussion / section 47 enquiry',
  ).check();
  await mgr.getByLabel('Which team will the work wait for?').selectOption({ label: 'Assessment Team North' });
  await mgr
    .getByLabel('Your rationale')
    .fill(
      'A burn the child says her father caused, a threat to repeat it, and the children go home to him today.',
    );
  await mgr.getByLabel('What happens next, for the referrer').fill(FEEDBACK);
  await mgr.getByRole('button', { name: 'Record the decision' }).click();
  await mgr.waitForURL((u) => u.pathname === `/mash/contacts/${state.contactId}`);
  const banner = await mgr.locator('.govuk-notification-banner').innerText();
  assert.match(banner, /episodes of need are open and their clocks have started/);
  assert.match(await main(mgr), /Strategy discussion \/ section 47 enquiry/);
  await look(mgr, 'mashmgr', 'mash-contact-decided');

  if (meetingDay !== today) {
    // A weekend or bank holiday: decided on the last working day too, so that the strategy
    // discussion held that day comes after the decision (see meetingDay).
    for (const table of ['contact', 'referral'])
      await site.db.query(
        `update ${table} set decided_at = ($2::date + time '11:00') at time zone 'Europe/London'
         where ${table === 'contact' ? 'id' : 'contact_id'} = $1`,
        [state.contactId, meetingDay],
      );
  }
  const [c] = await site.db.query<{ decided_at: Date; received_at: Date }>(
    'select decided_at, received_at from contact where id = $1',
    [state.contactId],
  );
  state.decidedOn = londonToday(new Date(c!.decided_at));
  state.receivedOn = londonToday(new Date(c!.received_at));
  state.children = await site.db.query<{ id: string; name: string }>(
    `select p.id, p.given_name || ' ' || p.family_name as name from contact_person cp
     join person p on p.id = cp.person_id where cp.contact_id = $1 and p.kind = 'child'
     order by p.date_of_birth`,
    [state.contactId],
  );
  assert.deepEqual(
    state.children.map((ch) => ch.name),
    CHILDREN.map((ch) => `${ch.given} ${FAMILY}`),
  );
});

test('4. each child’s episode is open and the strategy discussion clock runs from the decision', async () => {
  assert.ok(state.children && state.decidedOn, 'the MASH decided');
  const due = formatDate(dueDate('strategy-discussion', state.decidedOn));
  // The team manager of the team the work waits for may open the children (and no one else yet).
  const tm = await as('tm');
  for (const [i, child] of state.children.entries()) {
    await tm.goto(casework(child.id));
    await tm.locator('h1').waitFor();
    const text = await main(tm);
    assert.match(
      text,
      new RegExp(`Episode of need from ${formatDate(state.receivedOn!)}\\s+Open`),
      child.name,
    );
    assert.match(
      await clocksOf(tm),
      new RegExp(`Strategy discussion Referral decision, ${formatDate(state.decidedOn)} ${due}`),
      child.name,
    );
    if (i === 0) await look(tm, 'tm', 'tm-casework-waiting');
  }
});

test('5. the team manager sees the siblings together at the top of the unallocated list, opens one and allocates the three', async () => {
  assert.ok(state.children && state.decidedOn, 'the MASH decided');
  const due = formatDate(dueDate('strategy-discussion', state.decidedOn));
  const tm = await as('tm');
  await tm.goto(`${site.url}/team`);
  await look(tm, 'tm', 'tm-team');
  await tm.goto(`${site.url}/unallocated`);
  await tm.getByRole('heading', { name: 'Children waiting for allocation' }).waitFor();
  const rows = tm.locator('#unallocated tbody tr');
  const top = await rows.evaluateAll((trs) =>
    trs
      .slice(0, 3)
      .map((tr) => ({ group: (tr as HTMLElement).dataset.group, text: (tr as HTMLElement).innerText })),
  );
  assert.deepEqual(
    top.map((r) => state.children!.find((c) => r.text.includes(c.name))?.name).sort(),
    state.children.map((c) => c.name).sort(),
    'the three siblings are the first three rows',
  );
  assert.equal(new Set(top.map((r) => r.group)).size, 1, 'grouped as one family');
  const all = await rows.allInnerTexts();
  assert.ok(
    all.slice(3).some((t) => t.includes(waiting.name)),
    `${waiting.name}, referred earlier and due later, waits below them`,
  );
  for (const r of top) {
    assert.match(r.text, /Strategy discussion \/ section 47 enquiry/);
    assert.match(r.text, /Red/);
    assert.match(r.text.replace(/\s+/g, ' '), new RegExp(`Strategy discussion by ${due}`));
  }
  await look(tm, 'tm', 'tm-unallocated');

  // The team manager opens the eldest's record: the team the work waits for may read it.
  const [eldest, ...others] = state.children;
  await tm.locator(`#unallocated a[href="/people/${eldest!.id}"]`).click();
  await tm.waitForURL(`${site.url}/people/${eldest!.id}`);
  assert.match(await tm.locator('h1').innerText(), new RegExp(eldest!.name));
  await look(tm, 'tm', 'tm-record');

  await tm.goto(`${site.url}/unallocated`);
  await tm.getByRole('link', { name: `Allocate ${eldest!.name}` }).click();
  await tm.waitForURL(`${site.url}/allocations/${eldest!.id}`);
  await look(tm, 'tm', 'tm-allocate');
  const worker = await tm.locator('#workerId option', { hasText: 'Hannah Price' }).getAttribute('value');
  await tm.getByLabel('Worker').selectOption(worker!);
  for (const o of others)
    await tm
      .getByRole('group', { name: /brothers and sisters/ })
      .getByLabel(o.name)
      .check();
  await tm.getByRole('button', { name: 'Allocate', exact: true }).click();
  await tm.waitForURL((u) => !u.pathname.startsWith('/allocations/'));
  await look(tm, 'tm', 'tm-after-allocation');

  const allocated = await site.db.query<{ person_id: string }>(
    `select a.person_id from allocation a join app_user u on u.id = a.user_id
     where u.email = 'social.worker@together.example' and a.ended_at is null and a.person_id = any($1)`,
    [state.children.map((c) => c.id)],
  );
  assert.equal(allocated.length, 3, 'the three are allocated to the social worker');
  const sw = await as('sw');
  await sw.goto(`${site.url}/my-work`);
  const work = await main(sw);
  for (const c of state.children) assert.match(work, new RegExp(c.name));
  await look(sw, 'sw', 'sw-my-work');
});

test('6. one strategy discussion for the three, a section 47 enquiry each, one conference, a plan with content reviewed by the core group', async () => {
  assert.ok(state.children, 'the children are allocated');
  const [eldest, ...others] = state.children;
  const id = eldest!.id;
  const sw = await as('sw');
  const tm = await as('tm');

  await step(
    sw,
    'sw',
    id,
    '/strategy-discussion/new',
    {
      ...date('heldOn', meetingDay),
      agencies: [agencies['Elmshire County Council']!, agencies['Elmshire Constabulary']!],
      participants: 'Hannah Price (social worker); DC Rees (police); Nurse Khan (health)',
      decision: 'section_47',
      siblingDecisions: others.map((o) => `${o.id}:section_47`),
      rationale: 'A burn the child says her father caused; her brother and sister live with him.',
    },
    { name: 'sw-strategy-discussion' },
  );
  // Each of the three has the meeting on their record, and their strategy clock has stopped.
  for (const child of state.children) {
    await sw.goto(casework(child.id));
    if (child !== eldest) await look(sw, 'sw', `sw-casework-sibling-${child.id.slice(0, 8)}`);
    assert.doesNotMatch(await clocksOf(sw), /^Strategy discussion/m, child.name);
    const sd = sw.locator(`main a[href^="/people/${child.id}/strategy-discussions/"]`).first();
    assert.equal(await sd.count(), 1, `${child.name}'s casework page leads to the strategy discussion`);
    if (child === eldest) {
      await sd.click();
      const text = await main(sw);
      for (const o of others) assert.match(text, new RegExp(o.name), 'the same meeting names the others');
      await look(sw, 'sw', 'sw-strategy-discussion-read');
    }
  }

  // A section 47 enquiry for each child, each signed off by the team manager: the conference is
  // called for each of them.
  const icpcDue = formatDate(dueDate('icpc', meetingDay));
  for (const [i, child] of state.children.entries()) {
    const n = i + 1;
    await step(sw, 'sw', child.id, '/section-47/start', date('startDate', meetingDay), {
      shows: new RegExp(`due by ${icpcDue}`),
      name: `sw-s47-start-${n}`,
    });
    await step(
      sw,
      'sw',
      child.id,
      '/section-47/outcome',
      {
        outcome: 'substantiated_at_risk',
        conferenceNeeded: 'yes',
        ...date('outcomeDate', meetingDay),
        outcomeNotes: `Harm substantiated for ${child.name}: the burn is consistent with Maisie’s account.`,
      },
      { name: `sw-s47-outcome-${n}` },
    );
    await step(
      tm,
      'tm',
      child.id,
      '/section-47/sign-off',
      { decision: 'agreed', note: 'Convene an initial conference.' },
      { shows: new RegExp(`Harm substantiated for ${child.name}`), name: `tm-s47-sign-off-${n}` },
    );
    await sw.goto(casework(child.id));
    assert.match(
      await clocksOf(sw),
      new RegExp(`Initial child protection conference.*${icpcDue}`),
      child.name,
    );
    await look(sw, 'sw', `sw-casework-signed-off-${n}`);
  }

  // One initial conference for the three: each child with their own decision and their own words.
  await step(
    sw,
    'sw',
    id,
    '/conference/initial',
    {
      ...date('heldOn', meetingDay),
      chair: 'Independent chair',
      agencies: [agencies['Elmshire County Council']!, agencies['Elmshire Constabulary']!],
      'voice-words': 'I want to live somewhere Dad can’t get cross with me.',
      'voice-methods': ['seen_alone'],
      'voice-gatheredBy': 'Hannah Price, social worker',
      ...date('voice-gatheredOn', meetingDay),
      decision: 'plan',
      category: 'PHY',
    },
    {
      name: 'sw-conference-initial',
      also: async (page) => {
        const offered = await page
          .locator('main [name="siblingIds"]')
          .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
        assert.deepEqual(
          [...offered].sort(),
          others.map((o) => o.id).sort(),
          'the conference form offers the brothers and sisters',
        );
        for (const sibling of offered) {
          const name = others.find((o) => o.id === sibling)!.name;
          await page
            .getByLabel(`Decision for ${name}`)
            .selectOption({ label: 'Child protection plan: physical abuse' });
          await page
            .getByLabel(`What ${name} said or showed, in their own words`)
            .fill(`${name}: I miss Maisie.`);
          await page.getByLabel(`How ${name}’s voice was gathered`).selectOption({ label: 'Seen alone' });
        }
      },
    },
  );
  // Each of the three is on a plan: their first core group is due from the conference.
  const coreGroupDue = formatDate(dueDate('core-group', meetingDay));
  for (const child of state.children) {
    await sw.goto(casework(child.id));
    assert.match(await clocksOf(sw), new RegExp(`First core group.*${coreGroupDue}`), child.name);
    const record = sw.locator(`main a[href^="/people/${child.id}/conferences/"]`).first();
    assert.equal(await record.count(), 1, `${child.name}'s casework page leads to the conference`);
    if (child === eldest) {
      await record.click();
      const text = await main(sw);
      for (const o of others) assert.match(text, new RegExp(o.name), 'the same conference names the others');
      await look(sw, 'sw', 'sw-conference-read');
    }
  }
  await sw.goto(casework(id));
  await look(sw, 'sw', 'sw-casework-on-plan');

  // The plan's content: an outcome for the child, and an action towards it with its owner and date.
  const plan = `${casework(id)}/cp-plan`;
  await step(
    sw,
    'sw',
    id,
    '/cp-plan/outcome/new',
    { outcome: 'Maisie is not hurt at home and feels safe to say when she is scared.' },
    { name: 'sw-plan-outcome', from: plan },
  );
  const actionDue = addWorkingDays(meetingDay, 10);
  await sw.goto(`${plan}/action/new`);
  const outcomeId = await sw
    .locator('#outcomeId option', { hasText: 'Maisie is not hurt at home' })
    .getAttribute('value');
  await step(
    sw,
    'sw',
    id,
    '/cp-plan/action/new',
    {
      action:
        'Father to attend a domestic abuse perpetrator programme; Maisie to have a safety plan at school.',
      outcomeId: outcomeId!,
      ownerAgency: agencies['Elmshire County Council']!,
      ownerName: 'Hannah Price',
      ...date('dueDate', actionDue),
    },
    { name: 'sw-plan-action', from: plan },
  );
  // The core group meets and reviews the action.
  await step(
    sw,
    'sw',
    id,
    '/core-group/new',
    {
      ...date('heldOn', meetingDay),
      agencies: [agencies['Elmshire County Council']!, agencies['Elmshire Constabulary']!],
      attendees: 'Hannah Price (social worker); DC Rees (police); Mrs Quennington (mother)',
      notes: 'The father has been referred to the programme.',
    },
    {
      name: 'sw-core-group',
      also: async (page) => {
        await page
          .getByLabel(/Father to attend a domestic abuse perpetrator programme/)
          .selectOption({ label: 'In progress' });
      },
    },
  );
  assert.doesNotMatch(await clocksOf(sw), /First core group/, 'the first core group was held');
  await sw.goto(plan);
  const planText = (await main(sw)).replace(/\s+/g, ' ');
  assert.match(planText, /Maisie is not hurt at home/);
  assert.match(planText, /perpetrator programme/);
  assert.match(planText, /Hannah Price/);
  assert.match(planText, new RegExp(formatDate(actionDue)));
  assert.match(planText, new RegExp(`In progress at the core group of ${formatDate(meetingDay)}`));
  await look(sw, 'sw', 'sw-cp-plan');
});

test('the teacher reads the MASH’s feedback on their referral', async () => {
  assert.ok(state.contactId && state.children, 'the MASH decided');
  const teacher = await as('teacher');
  await teacher.goto(`${site.url}/referrals`);
  await look(teacher, 'teacher', 'teacher-referrals-decided');
  const row = teacher.getByRole('row').filter({ hasText: state.reference! });
  assert.match(await row.innerText(), /Strategy discussion \/ section 47 enquiry/);
  await row.getByRole('link', { name: state.reference! }).click();
  const detail = await main(teacher);
  assert.ok(detail.replace(/\s+/g, ' ').includes(FEEDBACK), 'the feedback message');
  assert.doesNotMatch(detail, /the children go home to him today/, 'not the rationale');
  for (const c of state.children)
    assert.equal(await teacher.locator(`a[href*="${c.id}"]`).count(), 0, 'no link to a record');
  await look(teacher, 'teacher', 'teacher-referral-decided');
});
