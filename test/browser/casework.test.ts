// Issue 4's "done when" in a real browser: a child referred for a strategy discussion is allocated by
// the team manager from the unallocated list, then goes through the single assessment, strategy
// discussion, section 47, initial conference, child protection plan, core group, visits, a review
// conference, the end of the plan, a child in need plan and closure. Every step's page is checked
// with axe, the child's voice is recorded at each step that needs it, and each clock's due date is
// the one the calendar gives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { addWorkingDays } from '../../src/platform/calendar.ts';
import { dueDate } from '../../src/platform/clocks.ts';
import { formatDate } from '../../src/platform/dates.ts';
import { date, fill, type Fields } from './forms.ts';
import { checkPage, signInAs, startSite, type Site } from './harness.ts';

let site: Site;
let child: { id: string; name: string };
let sw: Page;
let tm: Page;
let agencies: Record<string, string>;

before(async () => {
  site = await startSite(40);
  const [p] = await site.db.query<{ id: string; partnership_id: string }>('select id from partnership');
  // A child the council already knows, with no casework (nor early help) of its own yet.
  const [c] = await site.db.query<{ id: string; name: string }>(
    `select p.id, p.given_name || ' ' || p.family_name as name from person p
     where p.kind = 'child' and not p.unborn and not p.restricted and p.date_of_birth < '2020-01-01'
       and not exists (select 1 from allocation a where a.person_id = p.id)
       and not exists (select 1 from episode e where e.person_id = p.id)
       and not exists (select 1 from referral r where r.person_id = p.id)
       and not exists (select 1 from eh_member m where m.person_id = p.id)
     order by p.id limit 1`,
  );
  assert.ok(p && c, 'the seed made a child without casework');
  child = c;
  // The front door's decision (tested in its own journey): strategy discussion / section 47.
  const [contact] = await site.db.query<{ id: string }>(
    `insert into contact (partnership_id, status, decision, decided_at)
     values ($1, 'decided', 'strategy_section_47', '2026-06-01T09:30:00Z') returning id`,
    [p.id],
  );
  await site.db.query(
    'insert into contact_person (contact_id, person_id, partnership_id) values ($1,$2,$3)',
    [contact!.id, c.id, p.id],
  );
  await site.db.query(
    `insert into referral (partnership_id, contact_id, person_id, decision, referral_date, received_at)
     values ($1, $2, $3, 'strategy_section_47', '2026-06-01', '2026-06-01T09:30:00Z')`,
    [p.id, contact!.id, c.id],
  );
  const rows = await site.db.query<{ id: string; name: string }>('select id, name from agency');
  agencies = Object.fromEntries(rows.map((r) => [r.name, r.id]));
  sw = await signInAs(site, 'sw');
  tm = await signInAs(site, 'tm');
});
after(() => site?.close());

/** The child's voice group of a step's form. */
function voice(iso: string, words: string): Fields {
  return {
    'voice-words': words,
    'voice-methods': ['seen_alone'],
    'voice-gatheredBy': 'Hannah Price, social worker',
    ...date('voice-gatheredOn', iso),
  };
}

const casework = () => `${site.url}/people/${child.id}/casework`;

/** From the casework page, follows the next-step link to `path`, checks the form, fills and saves it. */
async function step(page: Page, path: string, fields: Fields, opts: { shows?: RegExp; name: string }) {
  await page.goto(casework());
  await page.locator('h1').waitFor();
  await page.locator(`main a[href="/people/${child.id}/casework${path}"]`).first().click();
  await page.waitForURL(`${casework()}${path}`);
  if (opts.shows) assert.match(await page.locator('main').innerText(), opts.shows, path);
  await checkPage(page, opts.name);
  await fill(page, fields);
  await page.locator('main form button.govuk-button').click();
  await page.waitForURL((u) => u.pathname === `/people/${child.id}/casework`);
  assert.ok(await page.locator('.govuk-notification-banner--success').isVisible(), `${path} saved`);
}

/** The clocks table of the casework page, as "what | due by" lines. */
async function clocks(page: Page): Promise<string> {
  await page.goto(casework());
  const table = page.locator('main table', { hasText: 'Open work with its due date' });
  const rows = await table.locator('tbody tr').allInnerTexts();
  return rows.map((r) => r.replace(/\s+/g, ' ')).join('\n');
}

const d = (iso: string) => formatDate(iso);

test('a child goes from the referral decision to the end of the plan, with the voice and clocks at each step', async () => {
  // The team manager sees the child waiting and allocates them to the social worker.
  await tm.goto(`${site.url}/team`);
  await checkPage(tm, 'casework-tm-team');
  await tm.goto(`${site.url}/unallocated`);
  await tm.getByRole('link', { name: `Allocate ${child.name}` }).click();
  await tm.waitForURL(`${site.url}/allocations/${child.id}`);
  await checkPage(tm, 'casework-tm-allocate');
  const worker = await tm.locator('#workerId option', { hasText: 'Hannah Price' }).getAttribute('value');
  await tm.getByLabel('Worker').selectOption(worker!);
  await tm.getByRole('button', { name: /Allocate/ }).click();
  await tm.waitForLoadState();

  // The social worker finds the child on their work list.
  await sw.goto(`${site.url}/my-work`);
  assert.match(await sw.locator('main').innerText(), new RegExp(child.name));
  await sw.goto(casework());
  await checkPage(sw, 'casework-overview-empty');

  const referral = '2026-06-01';
  await sw.goto(`${casework()}/episode/start`);
  const referralId = await sw.getByLabel('Referral of 1 June 2026').getAttribute('value');
  await step(
    sw,
    '/episode/start',
    { referral: referralId!, referralSource: '1B', primaryNeed: 'N1' },
    { shows: /Referral of 1 June 2026/, name: 'casework-episode-start' },
  );
  let c = await clocks(sw);
  assert.match(c, new RegExp(`Single assessment.*${d(dueDate('assessment', referral))}`));
  assert.match(c, new RegExp(`Strategy discussion.*${d(addWorkingDays(referral, 1))}`));

  await step(sw, '/assessment/start', date('startDate', referral), { name: 'casework-assessment-start' });

  await step(
    sw,
    '/strategy-discussion/new',
    {
      ...date('heldOn', '2026-06-02'),
      agencies: [agencies['Elmshire County Council']!, agencies['Elmshire Constabulary']!],
      participants: 'Hannah Price (social worker); DC Rees (police); Nurse Khan (health)',
      decision: 'section_47',
      rationale: 'Bruising the child says came from an adult at home.',
    },
    { name: 'casework-strategy-discussion' },
  );
  // The recorded discussion opens from the casework page, reads back, and offers its correction.
  await sw.goto(casework());
  await sw.locator('main a', { hasText: '2 June 2026' }).first().click();
  await sw.waitForLoadState();
  assert.match(await sw.locator('main').innerText(), /DC Rees \(police\)/);
  await checkPage(sw, 'casework-strategy-record');
  await sw.locator('main a', { hasText: 'Correct this record' }).click();
  await sw.waitForLoadState();
  await checkPage(sw, 'casework-strategy-correct');
  const icpcDue = dueDate('icpc', '2026-06-02');
  await step(sw, '/section-47/start', date('startDate', '2026-06-02'), {
    shows: new RegExp(`due by ${d(icpcDue)}`),
    name: 'casework-s47-start',
  });
  await step(
    sw,
    '/section-47/outcome',
    {
      outcome: 'substantiated_at_risk',
      conferenceNeeded: 'yes',
      ...date('outcomeDate', '2026-06-08'),
      outcomeNotes: 'Injuries consistent with the child’s account.',
    },
    { name: 'casework-s47-outcome' },
  );
  await step(
    tm,
    '/section-47/sign-off',
    { decision: 'agreed', ...date('decidedOn', '2026-06-09'), note: 'Convene an initial conference.' },
    { shows: /consistent with the child’s account/, name: 'casework-s47-sign-off' },
  );
  c = await clocks(sw);
  assert.match(c, new RegExp(`Initial child protection conference.*${d(icpcDue)}`));

  // A conference on a Saturday is refused with an error summary; the typed words are kept.
  const conference = {
    chair: 'Independent chair',
    agencies: [agencies['Elmshire County Council']!, agencies['Elmshire Constabulary']!],
    ...voice('2026-06-16', 'I want my mum to stop shouting. I feel safe at Nan’s.'),
    decision: 'plan',
    category: 'PHY',
  };
  await sw.goto(`${casework()}/conference/initial`);
  await fill(sw, { ...conference, ...date('heldOn', '2026-06-13') });
  await sw.locator('main form button.govuk-button').click();
  await sw.locator('.govuk-error-summary').waitFor();
  assert.match(await sw.locator('.govuk-error-summary').innerText(), /Saturday or Sunday/);
  assert.match(await sw.locator('[name="voice-words"]').inputValue(), /^I want my mum to stop shouting/);
  await checkPage(sw, 'casework-conference-error');

  await step(
    sw,
    '/conference/initial',
    { ...conference, ...date('heldOn', '2026-06-16') },
    { shows: new RegExp(`Due by ${d(icpcDue)}`), name: 'casework-conference-initial' },
  );
  // The recorded conference opens from the casework page, reads back, and is corrected with a reason.
  await sw.goto(casework());
  await sw
    .locator('main table', { hasText: 'Child protection conferences' })
    .locator('a', { hasText: '16 June 2026' })
    .click();
  await sw.waitForLoadState();
  assert.match(await sw.locator('main').innerText(), /I want my mum to stop shouting/);
  await checkPage(sw, 'casework-conference-record');
  await sw.locator('main a', { hasText: 'Correct this record' }).click();
  await sw.waitForLoadState();
  await checkPage(sw, 'casework-conference-correct');
  await sw.locator('main [name="chair"]').fill('Independent chair, Priya Shah');
  await sw.locator('main form button.govuk-button').click();
  await sw.locator('.govuk-error-summary').waitFor();
  await checkPage(sw, 'casework-conference-correct-error');
  await sw.locator('main [name="reason"]').fill('The chair’s name was left out.');
  await sw.locator('main form button.govuk-button').click();
  await sw.locator('.govuk-notification-banner--success').waitFor();
  assert.match(await sw.locator('main').innerText(), /Version 1, replaced/);
  await checkPage(sw, 'casework-conference-corrected');
  c = await clocks(sw);
  assert.match(c, new RegExp(`First core group.*${d(dueDate('core-group', '2026-06-16'))}`));
  assert.match(c, new RegExp(`review conference.*${d(dueDate('rcpc-first', '2026-06-16'))}`, 'i'));
  assert.match(c, new RegExp(`visit.*${d(dueDate('visit', '2026-06-16'))}`, 'i'));
  await checkPage(sw, 'casework-overview-on-plan');
  // The team manager sees the child on the plan not yet seen, and the team's overdue work by type.
  await tm.goto(`${site.url}/team`);
  const notSeen = tm.locator('main section, main').filter({ hasText: 'not seen within the visit frequency' });
  assert.match(await notSeen.innerText(), new RegExp(child.name));
  await checkPage(tm, 'casework-tm-team-child-on-plan');

  await step(
    sw,
    '/core-group/new',
    {
      ...date('heldOn', '2026-06-23'),
      agencies: [agencies['Elmshire County Council']!],
      notes: 'Plan agreed.',
    },
    { name: 'casework-core-group' },
  );
  await step(
    sw,
    '/visits/new',
    {
      ...date('visitedOn', '2026-06-19'),
      seen: 'yes',
      seenAlone: 'yes',
      bedroomSeen: 'yes',
      ...voice('2026-06-19', 'My new bed has a rocket on it.'),
    },
    { name: 'casework-visit' },
  );
  c = await clocks(sw);
  assert.doesNotMatch(c, /First core group/);
  assert.match(c, new RegExp(`visit.*${d(dueDate('visit', '2026-06-19'))}`, 'i'));

  await step(
    sw,
    '/assessment/complete',
    {
      factors: ['18C', '3B'],
      analysis: 'Physical harm by a parent under stress; the grandmother is a strong protective factor.',
      outcome: 'cin_plan',
      ...date('completedDate', '2026-07-20'),
      ...voice('2026-07-14', 'I like it when Nan picks me up from school.'),
    },
    { name: 'casework-assessment-complete' },
  );
  await step(
    tm,
    '/assessment/authorise',
    { decision: 'agreed', ...date('decidedOn', '2026-07-21'), note: 'Thorough; the child’s view is clear.' },
    { shows: /grandmother is a strong protective factor/, name: 'casework-assessment-authorise' },
  );

  await step(
    sw,
    '/conference/review',
    {
      chair: 'Independent chair',
      agencies: [agencies['Elmshire County Council']!],
      ...voice('2026-09-15', 'Home is calmer now. Mum comes to my football.'),
      ...date('heldOn', '2026-09-15'),
      decision: 'end',
    },
    {
      shows: new RegExp(`due by ${d(dueDate('rcpc-first', '2026-06-16'))}`),
      name: 'casework-conference-review',
    },
  );
  await step(
    tm,
    '/cp-plan/end',
    { ...date('endDate', '2026-09-15'), endReason: 'no_longer_at_risk', note: 'Agreed with the conference.' },
    { shows: /the plan should end/, name: 'casework-cp-plan-end' },
  );
  c = await clocks(sw);
  assert.doesNotMatch(c, /visit|review conference/i);

  // Support continues under a child in need plan, then steps down to early help.
  await step(sw, '/cin-plan/start', date('startDate', '2026-09-16'), { name: 'casework-cin-plan-start' });
  await step(
    sw,
    '/cin-plan/review',
    {
      ...date('heldOn', '2026-10-16'),
      notes: 'Going well.',
      ...voice('2026-10-16', 'I have a new friend called Mo.'),
    },
    { name: 'casework-cin-plan-review' },
  );
  await step(
    tm,
    '/cin-plan/end',
    { ...date('endDate', '2026-11-02'), endReason: 'step_down', note: 'Early help will continue.' },
    { name: 'casework-cin-plan-end' },
  );
  await step(
    tm,
    '/episode/close',
    {
      ...date('closureDate', '2026-11-03'),
      closureReason: 'RC9',
      stepDownReference: 'EH-2026-0417',
      note: 'Step down to the school’s early help.',
    },
    { name: 'casework-episode-close' },
  );
  c = await clocks(sw);
  assert.equal(c, '');
  const text = await sw.locator('main').innerText();
  assert.match(text, /Closed/);
  assert.match(text, /RC9/);
  // The casework page shows the child's latest words, and leads to all of them.
  const told = text.slice(text.indexOf('What the child has told us\n'));
  assert.match(
    told,
    /I like it when Nan picks me up[\s\S]*Home is calmer now[\s\S]*I have a new friend called Mo/,
  );
  assert.doesNotMatch(told.slice(0, told.indexOf('Everything the child has told us')), /rocket/);
  assert.match(told, /Everything the child has told us \(5 records\)/);
  await checkPage(sw, 'casework-overview-closed');

  // What the child has told us, in time order, from every step.
  await sw.goto(`${site.url}/people/${child.id}/voice`);
  const voiceText = await sw.locator('main').innerText();
  // Oldest first: the conference (16 June), the visit (19 June), the assessment (14 July), the review
  // conference (15 September) and the child in need plan review (16 October).
  const said = [
    'I want my mum to stop shouting.',
    'My new bed has a rocket on it.',
    'I like it when Nan picks me up',
    'Home is calmer now.',
    'I have a new friend called Mo.',
  ].map((w) => voiceText.indexOf(w));
  assert.ok(
    said.every((at, i) => at >= 0 && (i === 0 || at > said[i - 1]!)),
    voiceText,
  );
  await checkPage(sw, 'casework-voice');
});
