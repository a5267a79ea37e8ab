// Issue 14's early help "done when" in a real browser: a teacher leads early help for a family of her
// school, with a team around the family and two reviews; it steps up to the MASH with its history;
// the MASH decides; social care assesses and closes as a step-down (RC9) and steps it back down to
// the school, who accepts; the early help picture shows all of it. Every page is checked with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { londonToday } from '../../src/platform/dates.ts';
import { addDays } from '../../src/platform/calendar.ts';
import { date, fill, radio, type Fields } from './forms.ts';
import { checkPage, signInAs, startSite, type Site } from './harness.ts';

let site: Site;
let child: { id: string; name: string; given: string; family: string };
let episodeUrl = '';
let contactRef = '';
const today = londonToday();

before(async () => {
  site = await startSite(40);
  // A child Kingsmead Primary School works with (an open involvement), new to early help and social
  // care, in the person index so that the MASH can match her (the journey itself is all pages).
  const [org] = await site.db.query<{ pid: string; school: string; team: string }>(
    `select a.partnership_id as pid, a.id as school, t.id as team from agency a join team t on t.agency_id = a.id
     where a.name = 'Kingsmead Primary School' limit 1`,
  );
  const [row] = await site.db.query<{ id: string; given: string; family: string }>(
    `insert into person (partnership_id, kind, given_name, family_name, date_of_birth, sex)
     values ($1,'child','Maisie','Quenby','2016-09-14','female') returning id, given_name as given, family_name as family`,
    [org!.pid],
  );
  await site.db.query(
    `insert into person_name (partnership_id, person_id, kind, given_name, family_name, given_norm, family_norm, given_key, family_key)
     values ($1,$2,'current','Maisie','Quenby','maisie','quenby',dmetaphone('maisie'),dmetaphone('quenby'))`,
    [org!.pid, row!.id],
  );
  await site.db.query(
    `insert into involvement (partnership_id, person_id, agency_id, team_id, role, started_on)
     values ($1,$2,$3,$4,'school','2024-09-01')`,
    [org!.pid, row!.id, org!.school, org!.team],
  );
  assert.ok(row, 'a child of the school');
  child = { ...row, name: `${row.given} ${row.family}` };
});
after(() => site?.close());

/** From the episode page, follows a link, checks the form, fills it and saves it. */
async function ehStep(page: Page, link: string, fields: Fields, name: string, button: string) {
  await page.goto(episodeUrl);
  await page.getByRole('link', { name: link }).click();
  await page.locator('main form').waitFor();
  await checkPage(page, name);
  await fill(page, fields);
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL(/\/early-help\/episodes\/[0-9a-f-]{36}\?done=/);
}

test('the teacher starts early help from the child’s record: consent or a safeguarding decision first', async () => {
  const page = await signInAs(site, 'teacher');
  await page.goto(`${site.url}/people/${child.id}`);
  await page.getByRole('link', { name: 'Start early help' }).click();
  await page.waitForURL(/\/early-help\/episodes\/new\?person=/);
  await checkPage(page, 'early-help-new');
  await page.getByRole('button', { name: 'Start early help' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.locator('.govuk-error-summary').innerText(), /consents to early help/);
  await checkPage(page, 'early-help-new-errors');
  await radio(page, /Does the family consent/, 'Yes, the family consents').check();
  await page.getByRole('button', { name: 'Start early help' }).click();
  await page.waitForURL(/\?done=started/);
  episodeUrl = page.url().replace(/\?.*$/, '');
  assert.match(await page.locator('main').innerText(), /Early help has started/);
  await checkPage(page, 'early-help-episode');
  // The teacher's home page lists the family and what is due.
  await page.goto(site.url);
  assert.match(await page.locator('main').innerText(), /Your early help families[\s\S]*Assessment/);
  await page.context().close();
});

test('assessment, team around the family, a meeting, an action and two reviews: the distance travelled', async () => {
  const page = await signInAs(site, 'teacher');
  await ehStep(
    page,
    'Record the early help assessment',
    {
      ...date('completedOn', today),
      familyView: 'Mum says mornings are chaos and money is short; she wants help with routines.',
      [`voice-${child.id}`]: 'I get hungry in the mornings.',
      [`voiceMethod-${child.id}`]: 'conversation',
      'scores-education': '3',
      'scores-relationships': '4',
      plan: 'Breakfast club from Monday; a parenting course; the health visitor checks in fortnightly.',
    },
    'early-help-assessment',
    'Record the assessment',
  );
  await page.goto(episodeUrl);
  await page.getByRole('link', { name: 'Add to the team around the family' }).click();
  await checkPage(page, 'early-help-team');
  await page
    .getByLabel('Practitioner')
    .selectOption({ label: 'Joanne Fry (Elmshire Community Health NHS Trust)' });
  await fill(page, { role: 'Health visitor' });
  await page.getByRole('button', { name: 'Add to the team' }).click();
  await page.waitForURL(/\?done=team/);
  await page.getByRole('link', { name: 'Record a meeting' }).click();
  await checkPage(page, 'early-help-meeting');
  await fill(page, { ...date('heldOn', today), notes: 'Agreed the breakfast club and the course.' });
  await page.getByLabel(/Joanne Fry/).check();
  await page.getByRole('button', { name: 'Record the meeting' }).click();
  await page.waitForURL(/\?done=meeting/);
  await page.getByRole('link', { name: 'Add an action' }).click();
  await checkPage(page, 'early-help-action');
  await fill(page, { title: 'Book the parenting course', ...date('dueOn', addDays(today, 21)) });
  await page.locator('main [name="ownerAgencyId"]').selectOption({ label: 'Kingsmead Primary School' });
  await page.getByRole('button', { name: 'Add the action' }).click();
  await page.waitForURL(/\?done=action/);
  for (const [n, education, relationships] of [
    [1, '5', '4'],
    [2, '6', '6'],
  ] as const)
    await ehStep(
      page,
      'Review the plan',
      {
        ...date('heldOn', today),
        summary: `Review ${n}: attendance is up, mornings calmer.`,
        'scores-education': education,
        'scores-relationships': relationships,
      },
      `early-help-review-${n}`,
      'Record the review',
    );
  const main = await page.locator('main').innerText();
  assert.match(main, /Review 2/);
  assert.match(main, /I get hungry in the mornings/);
  assert.match(main, /Book the parenting course/);
  assert.equal(await page.locator('main figure.app-chart svg').count(), 1, 'the distance travelled chart');
  await checkPage(page, 'early-help-reviewed');
  await page.context().close();
});

test('it steps up to the MASH with its history, and the MASH decides', async () => {
  const page = await signInAs(site, 'teacher');
  await ehStep(
    page,
    'Step up to social care',
    { reason: 'The child told us an adult at home hits her.' },
    'early-help-step-up',
    'Step up to social care',
  );
  contactRef = /R-\d{4}-\d{6}/.exec(await page.locator('main').innerText())![0];
  // The school closes its episode: the family is with social care now.
  await ehStep(
    page,
    'Close early help',
    { ...date('closedOn', today), outcome: 'stepped_up', feedback: 'The school listened to us.' },
    'early-help-close',
    'Close early help',
  );
  await page.context().close();

  const mgr = await signInAs(site, 'mashmgr');
  await mgr.getByRole('link', { name: 'MASH', exact: true }).click();
  await mgr.getByRole('link', { name: contactRef }).click();
  await mgr.getByRole('heading', { name: contactRef, level: 1 }).waitFor();
  const contactUrl = mgr.url().replace(/#.*$/, '');
  const text = await mgr.locator('main').innerText();
  assert.match(text, /step-up from early help/);
  assert.match(text, /What early help has tried/);
  assert.match(text, /Review 2/);
  assert.match(text, /I get hungry in the mornings/);
  await checkPage(mgr, 'early-help-mash-contact');
  await mgr.getByRole('link', { name: `Find a match for ${child.name}` }).click();
  const card = mgr
    .locator('form')
    .filter({ has: mgr.locator(`input[name="personId"][value="${child.id}"]`) });
  await card.getByRole('button', { name: /^Link to this record/ }).click();
  await mgr.waitForURL((u) => u.href.startsWith(contactUrl));
  // Linked, the child's early help shows at the front door, the family back within 12 months of it.
  const linked = await mgr.locator('main').innerText();
  assert.match(linked, /This family is back within 12 months of early help EH-/);
  await checkPage(mgr, 'early-help-mash-contact-linked');
  await mgr.getByRole('button', { name: 'Make the decision' }).click();
  await radio(mgr, 'What is your decision?', 'Section 17 assessment').check();
  await mgr.getByLabel('Which team will the work wait for?').selectOption({ label: 'Assessment Team North' });
  await mgr
    .getByLabel('Your rationale')
    .fill('Disclosure of physical harm after early help tried routines and support.');
  await mgr
    .getByLabel('What happens next, for the referrer')
    .fill('A social worker will assess with the family.');
  await mgr.getByRole('button', { name: 'Record the decision' }).click();
  await mgr.getByRole('heading', { name: 'Decision', exact: true }).waitFor();
  await mgr.context().close();
});

const casework = () => `${site.url}/people/${child.id}/casework`;
async function cwStep(page: Page, path: string, fields: Fields) {
  await page.goto(casework());
  await page.locator(`main a[href="/people/${child.id}/casework${path}"]`).first().click();
  await page.waitForURL(`${casework()}${path}`);
  await fill(page, fields);
  await page.locator('main form button.govuk-button').click();
  await page.waitForURL((u) => u.pathname === `/people/${child.id}/casework`);
}

test('social care assesses, closes as a step-down and steps the family back down to the school', async () => {
  const tm = await signInAs(site, 'tm');
  await tm.goto(`${site.url}/allocations/${child.id}`);
  const worker = await tm.locator('#workerId option', { hasText: 'Hannah Price' }).getAttribute('value');
  await tm.getByLabel('Worker').selectOption(worker!);
  await tm.getByRole('button', { name: /Allocate/ }).click();
  await tm.waitForLoadState();
  const sw = await signInAs(site, 'sw');
  // The MASH's decision opened the child's episode of need; the allocated social worker assesses.
  await cwStep(sw, '/assessment/start', date('startDate', today));
  await cwStep(sw, '/assessment/complete', {
    factors: ['3B'],
    analysis: 'Harm not substantiated; the family engage well with support.',
    outcome: 'early_help',
    ...date('completedDate', today),
    'voice-words': 'Breakfast club is good.',
    'voice-methods': ['seen_alone'],
    'voice-gatheredBy': 'Hannah Price, social worker',
    ...date('voice-gatheredOn', today),
  });
  await cwStep(tm, '/assessment/authorise', {
    decision: 'agreed',
    ...date('decidedOn', today),
    note: 'Agreed.',
  });
  await cwStep(tm, '/episode/close', {
    ...date('closureDate', today),
    closureReason: 'RC9',
    stepDownReference: 'Kingsmead Primary School early help',
    note: 'Step down to the school.',
  });
  await tm.context().close();

  // The social worker steps the family down from the child's record, to the teacher.
  await sw.goto(`${site.url}/people/${child.id}`);
  await sw.getByRole('link', { name: 'Step down to early help' }).click();
  await sw.waitForURL(/\/early-help\/step-down\/new\?person=/);
  await checkPage(sw, 'early-help-step-down');
  await sw
    .getByLabel('Who is asked to lead early help?')
    .selectOption({ label: 'Rachel Turner (Kingsmead Primary School)' });
  await fill(sw, { reason: 'The assessment found support works; the school knows the family best.' });
  await radio(sw, /Does the family consent/, 'Yes, the family consents').check();
  await sw.getByRole('button', { name: 'Step down to early help' }).click();
  await sw.waitForURL(/\?done=stepped_down/);
  const stepDownUrl = sw.url().replace(/\?.*$/, '');
  await sw.context().close();

  const teacher = await signInAs(site, 'teacher');
  await teacher.goto(`${site.url}/early-help`);
  assert.match(await teacher.locator('main').innerText(), /Offered to you/);
  await teacher.goto(stepDownUrl);
  await teacher.getByRole('link', { name: 'Accept or decline' }).click();
  await checkPage(teacher, 'early-help-decision');
  await radio(teacher, /Will you lead early help/, 'Yes, I accept').check();
  await fill(teacher, { reason: 'We know the family and the breakfast club is working.' });
  await teacher.getByRole('button', { name: 'Send your answer' }).click();
  await teacher.waitForURL(/\?done=accepted/);
  assert.match(await teacher.locator('main').innerText(), /Stepped down from social care[\s\S]*Accepted/);
  await checkPage(teacher, 'early-help-accepted');
  await teacher.context().close();
});

test('the early help picture shows it all, and the executive’s page has its panel', async () => {
  const bm = await signInAs(site, 'bm');
  await bm.goto(`${site.url}/early-help/picture`);
  await checkPage(bm, 'early-help-picture');
  const text = await bm.locator('main').innerText();
  assert.match(text, /Step-ups to social care\s+\d+/);
  assert.match(text, /Step-downs from social care\s+\d+; picked up in/);
  assert.match(text, /Stepped up to social care/, 'the outcome of the school’s episode');
  assert.equal(await bm.locator('main figure.app-chart svg').count(), 3);
  await bm.goto(`${site.url}/partnership/executive`);
  await bm.getByRole('region', { name: 'Early help' }).waitFor();
  await bm.context().close();
});

test('the early help service sees every family and sets the clocks and the areas of need', async () => {
  const ehl = await signInAs(site, 'ehl');
  await ehl.getByRole('link', { name: 'Early help', exact: true }).click();
  await ehl.getByRole('heading', { name: 'Early help', level: 1 }).waitFor();
  assert.match(await ehl.locator('main').innerText(), /Every open early help episode/);
  await checkPage(ehl, 'early-help-service-home');
  await ehl.goto(`${site.url}/early-help/settings`);
  await checkPage(ehl, 'early-help-settings');
  await ehl.getByLabel('Time between reviews').fill('');
  await ehl.getByRole('button', { name: 'Save the settings' }).click();
  await ehl.locator('.govuk-error-summary').waitFor();
  await checkPage(ehl, 'early-help-settings-errors');
  await ehl.getByLabel('Time between reviews').fill('8');
  await ehl.getByRole('button', { name: 'Save the settings' }).click();
  await ehl.waitForURL(/\?done=settings/);
  assert.equal(await ehl.getByLabel('Time between reviews').inputValue(), '8');
  await ehl.context().close();
});
