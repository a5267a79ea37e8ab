// Issue 13's practice review "done when" in a real browser, as a new user would: the council's team
// manager notifies a serious incident from a child's record; the business manager assembles the
// rapid review's multi-agency chronology (the child and the adults around the child), the police
// add their analysis, the meeting commissions a local review; its recommendation's action is done
// in the action log and the recommendation closed; the report is anonymised, signed off by the three
// partners and published; another review is decided not to be published, with reasons; the public
// page shows only the published, anonymised report. Every page is checked with axe and its links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { londonToday } from '../../src/platform/dates.ts';
import { date, fill } from './forms.ts';
import { checkPage, signInAs, startSite, type Site } from './harness.ts';

let site: Site;
const today = londonToday();
interface Child {
  id: string;
  given: string;
  family: string;
}
let children: Child[] = [];
const reviews: string[] = [];

before(async () => {
  site = await startSite(40);
  // Children the team manager's team holds, each with an adult linked in the records.
  children = await site.db.query<Child>(
    `select p.id, p.given_name as given, p.family_name as family from person p
     join allocation a on a.person_id = p.id and a.ended_at is null
     join team t on t.id = a.team_id and t.name = 'Assessment Team North'
     where p.kind = 'child' and not p.restricted and p.given_name <> ''
       and exists (select 1 from relationship r join person ad on ad.kind = 'adult'
                   and ad.id in (r.person_id, r.related_person_id) where p.id in (r.person_id, r.related_person_id))
     order by p.id limit 2`,
  );
  assert.equal(children.length, 2, 'two children of the team with an adult linked');
});
after(() => site?.close());

async function notify(child: Child, pseudonym: string, name: string) {
  const page = await signInAs(site, 'tm');
  await page.goto(`${site.url}/people/${child.id}`);
  await page.getByRole('link', { name: 'Notify a serious incident' }).click();
  await page.waitForURL(/\/partnership\/reviews\/notify\?person=/);
  await checkPage(page, `${name}-notify`);
  await page.getByRole('button', { name: 'Notify the national panel' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.equal(await page.locator('.govuk-error-summary li').count(), 4);
  await checkPage(page, `${name}-notify-errors`);
  await fill(page, {
    criteria: ['serious_harm', 'abuse_or_neglect', 'in_area'],
    whatHappened: 'The child was found locked in a room, severely neglected.',
    ...date('awareOn', today),
    pseudonym,
  });
  await page.getByRole('button', { name: 'Notify the national panel' }).click();
  await page.waitForURL(/\/notification\?done=notified/);
  const main = (await page.textContent('main'))!;
  assert.match(main, /The national panel is notified/);
  assert.match(main, /Elmshire Constabulary/);
  await checkPage(page, `${name}-notification`);
  reviews.push(/reviews\/([0-9a-f-]{36})/.exec(page.url())![1]!);
  await page.context().close();
}

async function bmOpens(page: Page, id: string) {
  await page.goto(`${site.url}/partnership/reviews`);
  await page.locator(`a[href="/partnership/reviews/${id}"]`).click();
  await page.waitForURL(new RegExp(`/partnership/reviews/${id}$`));
}

async function rapidReview(id: string, name: string, commission: boolean) {
  const page = await signInAs(site, 'bm');
  await bmOpens(page, id);
  await checkPage(page, `${name}-review`);
  await page.getByRole('link', { name: 'Assemble the multi-agency chronology' }).click();
  await checkPage(page, `${name}-period`);
  await fill(page, { ...date('periodFrom', '2015-01-01'), ...date('periodTo', today) });
  await page.getByRole('button', { name: 'Assemble the chronology' }).click();
  await page.waitForURL(/done=assembled/);
  const main = (await page.textContent('main'))!;
  assert.match(main, /Adult 1/, 'the adults around the child are in the chronology');
  assert.ok((await page.locator('main table').count()) > 0, 'entries by agency');
  await checkPage(page, `${name}-assembled`);
  await page.context().close();

  const lead = await signInAs(site, 'leadpolice');
  await lead.goto(`${site.url}/partnership/reviews/${id}`);
  await lead.getByRole('link', { name: 'Add your agency’s analysis' }).click();
  await checkPage(lead, `${name}-analysis`);
  await fill(lead, {
    analysis: 'We attended the home once and did not ask to see the children.',
    notRecorded: 'Calls from a neighbour.',
  });
  await lead.getByRole('button', { name: 'Add the analysis' }).click();
  await lead.waitForURL(/done=analysis/);
  await lead.context().close();

  const bm = await signInAs(site, 'bm');
  await bm.goto(`${site.url}/partnership/reviews/${id}`);
  await bm.getByRole('link', { name: 'Record the meeting and decision' }).click();
  await checkPage(bm, `${name}-meeting`);
  await fill(bm, {
    ...date('meetingOn', today),
    meetingNotes: 'The three partners, the school and health visiting met.',
    learning: 'Each agency held a piece of the picture.',
    themes: ['information_sharing', 'voice_of_child'],
    commission: commission ? 'yes' : 'no',
    decisionReasons: 'There is learning for every agency.',
  });
  await bm.getByRole('button', { name: 'Record the decision' }).click();
  await bm.waitForURL(/done=decided/);
  await checkPage(bm, `${name}-decided`);
  await bm.getByRole('link', { name: 'Rapid review report' }).click();
  await checkPage(bm, `${name}-report`);
  await bm.context().close();
}

async function signOff(id: string, name: string) {
  for (const key of ['leadcouncil', 'leadpolice', 'leadicb']) {
    const page = await signInAs(site, key);
    await page.goto(`${site.url}/partnership/reviews/${id}`);
    await checkPage(page, `${name}-signoff-${key}`);
    await page.getByRole('button', { name: /Sign off the decision/ }).click();
    await page.waitForURL(/done=signed/);
    await page.context().close();
  }
}

test('the team manager notifies a serious incident from the child’s record', async () => {
  await notify(children[0]!, 'Child Ak', 'review');
  const [r] = await site.db.query<{ restricted: boolean }>('select restricted from person where id = $1', [
    children[0]!.id,
  ]);
  assert.equal(r!.restricted, true);
});

test('the rapid review: chronology assembled, the police’s analysis, the decision to commission', async () => {
  await rapidReview(reviews[0]!, 'review', true);
});

test('the local review: a recommendation whose action is done in the action log, then closed', async () => {
  const c = children[0]!;
  const page = await signInAs(site, 'bm');
  await page.goto(`${site.url}/partnership/reviews/${reviews[0]}`);
  await page.getByRole('link', { name: 'Update the local review' }).click();
  await checkPage(page, 'review-local');
  await fill(page, {
    reviewer: 'An independent reviewer',
    termsOfReference: 'How agencies shared what they knew, and whether the child was heard.',
    report: `${c.given} ${c.family} lived with his family.\n${c.given} told his teacher he was hungry; ${c.family.toUpperCase()} was on the register.`,
    final: 'yes',
  });
  await page.getByRole('button', { name: 'Save the local review' }).click();
  await page.waitForURL(/done=local/);
  await page.getByRole('link', { name: 'Add a recommendation' }).click();
  await checkPage(page, 'review-recommendation');
  await fill(page, {
    text: 'Police share domestic incident notifications with schools by the next school day.',
    ownerAgencyId: (
      await site.db.query<{ id: string }>(`select id from agency where name = 'Elmshire Constabulary'`)
    )[0]!.id,
    themes: ['information_sharing'],
  });
  await page.getByRole('button', { name: 'Add the recommendation' }).click();
  await page.waitForURL(/done=recommendation/);
  await page
    .getByRole('link', { name: /Add an action/ })
    .first()
    .click();
  await checkPage(page, 'review-recommendation-action');
  await page.getByLabel('What is to be done').fill('Set up next-day notifications to schools');
  await page.getByLabel('Agency that owns the action').selectOption({ label: 'Elmshire Constabulary' });
  await fill(page, date('dueOn', '2030-01-31'));
  await page.getByRole('button', { name: 'Add the action' }).click();
  await page.waitForURL(/done=action/);
  // Closing with the action open is refused, naming it.
  await page.getByRole('button', { name: 'Close recommendation 1' }).click();
  await page.waitForLoadState('load');
  assert.match((await page.textContent('main'))!, /cannot close while its actions are open/);
  await page.goBack();
  await page.context().close();

  const lead = await signInAs(site, 'leadpolice');
  await lead.goto(`${site.url}/partnership/reviews/${reviews[0]}`);
  await lead.getByRole('link', { name: 'Set up next-day notifications to schools' }).click();
  await fill(lead, { status: 'done', evidence: 'Notifications go to schools daily since the 1st.' });
  await lead.getByRole('button', { name: 'Save status' }).click();
  await lead.waitForURL(/partnership\/actions\//);
  await lead.context().close();

  const bm = await signInAs(site, 'bm');
  await bm.goto(`${site.url}/partnership/reviews/${reviews[0]}`);
  await bm.getByRole('button', { name: 'Close recommendation 1' }).click();
  await bm.waitForURL(/done=closed/);
  assert.match((await bm.textContent('main'))!, /all its actions are done/);
  await checkPage(bm, 'review-closed');
  await bm.context().close();
});

test('publication: anonymised, signed off by the three partners, published', async () => {
  const c = children[0]!;
  const page = await signInAs(site, 'bm');
  await page.goto(`${site.url}/partnership/reviews/${reviews[0]}/publication`);
  await checkPage(page, 'review-publication');
  const text = await page.locator('#publishedText').inputValue();
  assert.ok(!text.includes(c.given) && !text.toLowerCase().includes(c.family.toLowerCase()), text);
  assert.match(text, /Child Ak told his teacher/);
  await fill(page, {
    publish: 'yes',
    publishReasons: 'The learning matters to every agency.',
    ...date('publicationOn', today),
    briefing: 'Ask the child, and share what you know the next day.',
  });
  await page.getByRole('button', { name: 'Save the decision' }).click();
  await page.waitForURL(/done=publication/);
  await page.context().close();
  await signOff(reviews[0]!, 'review');
  const bm = await signInAs(site, 'bm');
  await bm.goto(`${site.url}/partnership/reviews/${reviews[0]}/publication`);
  await bm.getByRole('button', { name: 'Publish the report' }).click();
  await bm.waitForURL(/done=published/);
  await checkPage(bm, 'review-published');
  await bm.context().close();
});

test('another review is decided not to be published, with its reasons', async () => {
  await notify(children[1]!, 'Child Bz', 'unpublished');
  await rapidReview(reviews[1]!, 'unpublished', true);
  const page = await signInAs(site, 'bm');
  await page.goto(`${site.url}/partnership/reviews/${reviews[1]}/publication`);
  await fill(page, {
    publish: 'no',
    publishReasons: 'Publishing would identify the surviving siblings and harm them.',
  });
  await page.getByRole('button', { name: 'Save the decision' }).click();
  await page.waitForURL(/done=publication/);
  await page.context().close();
  await signOff(reviews[1]!, 'unpublished');
  const bm = await signInAs(site, 'bm');
  await bm.goto(`${site.url}/partnership/reviews/${reviews[1]}`);
  const main = (await bm.textContent('main'))!;
  assert.match(main, /Decided not to publish/);
  assert.match(main, /would identify the surviving siblings/);
  await bm.goto(`${site.url}/partnership/reviews/learning`);
  await checkPage(bm, 'reviews-learning');
  await bm.context().close();
});

test('the public page shows only the published, anonymised report, without signing in', async () => {
  const context = await site.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${site.url}/published-reviews`);
  await checkPage(page, 'published-reviews');
  const list = (await page.textContent('main'))!;
  assert.match(list, /Child Ak/);
  assert.doesNotMatch(list, /Child Bz/);
  await page.getByRole('link', { name: /Child Ak/ }).click();
  await checkPage(page, 'published-review');
  const report = (await page.textContent('main'))!;
  for (const c of children) assert.ok(!report.includes(c.given) && !report.includes(c.family), 'no names');
  assert.match(report, /Child Ak told his teacher/);
  await context.close();
});
