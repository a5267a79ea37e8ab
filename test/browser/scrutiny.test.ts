// Issue 12's scrutiny "done when" in a real browser: the scrutineer raises a challenge to the police
// and the council, both agency leads answer it, the scrutineer accepts it and publishes a report that
// shows their answers as they sent them. Every page on the way is checked with axe and its links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { addWorkingDays } from '../../src/platform/calendar.ts';
import { londonToday } from '../../src/platform/dates.ts';
import { date, fill } from './forms.ts';
import { checkPage, signInAs, startSite, type Site } from './harness.ts';

let site: Site;
let agencies: Record<string, string>;
const TITLE = 'Information sharing at strategy discussions';
const POLICE_ANSWER = 'A sergeant from the Public Protection Unit now joins every strategy discussion.';
const COUNCIL_ANSWER = 'The MASH now books the police and health before the discussion is set.';
let challengeUrl = '';

before(async () => {
  site = await startSite(20);
  const rows = await site.db.query<{ id: string; name: string }>('select id, name from agency');
  agencies = Object.fromEntries(rows.map((r) => [r.name, r.id]));
});
after(() => site?.close());

const seen = new Map<string, Set<string>>();
const seenBy = (key: string) => seen.get(key) ?? (seen.set(key, new Set()), seen.get(key)!);

async function openScrutiny(page: Page) {
  await page.goto(`${site.url}/partnership`);
  await page.getByRole('link', { name: 'Independent scrutiny' }).first().click();
  await page.waitForURL(`${site.url}/partnership/scrutiny`);
}

test('the scrutineer raises a challenge to the police and the council', async () => {
  const page = await signInAs(site, 'scrutineer');
  await openScrutiny(page);
  await checkPage(page, 'scrutiny-workspace', seenBy('scrutineer'));
  await page.getByRole('link', { name: 'Raise a challenge' }).click();
  await checkPage(page, 'scrutiny-challenge-new', seenBy('scrutineer'));
  // Sent empty first: the error summary names what is missing.
  await page.getByRole('button', { name: 'Raise the challenge' }).click();
  await assert.doesNotReject(
    page.getByRole('alert').getByText('Enter a short title for the challenge').waitFor(),
  );
  await fill(page, {
    title: TITLE,
    question: 'How do the police and the council make sure each discussion has everyone it needs?',
    evidence: 'Casework records: police took part in 31 of 44 strategy discussions last quarter.',
    agencyIds: [agencies['Elmshire Constabulary']!, agencies['Elmshire County Council']!],
    ...date('dueOn', addWorkingDays(londonToday(), 10)),
  });
  await page.getByRole('button', { name: 'Raise the challenge' }).click();
  await page.waitForURL(/\/partnership\/scrutiny\/challenges\/[0-9a-f-]{36}\?done=raised/);
  challengeUrl = page.url().split('?')[0]!;
  assert.match(await page.locator('main').innerText(), /Awaiting answers/);
  await checkPage(page, 'scrutiny-challenge', seenBy('scrutineer'));
});

for (const [key, answer] of [
  ['leadpolice', POLICE_ANSWER],
  ['leadcouncil', COUNCIL_ANSWER],
] as const) {
  test(`${key} answers for their agency`, async () => {
    assert.ok(challengeUrl, 'the challenge was raised');
    const page = await signInAs(site, key);
    await openScrutiny(page);
    await checkPage(page, `scrutiny-workspace-${key}`, seenBy(key));
    await page.getByRole('link', { name: new RegExp(`Answer challenge \\d+: ${TITLE}`) }).click();
    await checkPage(page, `scrutiny-respond-${key}`, seenBy(key));
    await fill(page, { answer, evidence: 'Attendance log, quarter 3.' });
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await page.waitForURL(`${challengeUrl}?done=answered`);
    assert.match(await page.locator('main').innerText(), new RegExp(answer.replace('.', '\\.')));
    await checkPage(page, `scrutiny-answered-${key}`, seenBy(key));
  });
}

test('the scrutineer accepts the answers and publishes a report with them, as the partners sent them', async () => {
  const page = await signInAs(site, 'scrutineer');
  await page.goto(challengeUrl);
  assert.match(await page.locator('main').innerText(), /Awaiting judgement/);
  await page.getByRole('button', { name: 'Judge the answers' }).click();
  await checkPage(page, 'scrutiny-judge', seenBy('scrutineer'));
  await fill(page, { judgement: 'accepted', note: 'Both partners have changed how discussions are set up.' });
  await page.getByRole('button', { name: 'Record the judgement' }).click();
  await page.waitForURL(`${challengeUrl}?done=accepted`);
  assert.match(await page.locator('main').innerText(), /Accepted/);

  await page.goto(`${site.url}/partnership/scrutiny/reports`);
  await checkPage(page, 'scrutiny-reports', seenBy('scrutineer'));
  await page.getByRole('button', { name: 'Draft a report' }).click();
  await checkPage(page, 'scrutiny-report-new', seenBy('scrutineer'));
  await fill(page, {
    title: 'Scrutiny report: strategy discussions',
    findings: 'The police and the council answered the challenge with evidence; I accepted their answers.',
  });
  await page
    .getByRole('group', { name: /Which challenges/ })
    .getByLabel(new RegExp(TITLE))
    .check();
  await page.getByRole('button', { name: 'Save the draft' }).click();
  await page.waitForURL(/\/partnership\/scrutiny\/reports\/[0-9a-f-]{36}\?done=drafted/);
  const reportUrl = page.url().split('?')[0]!;
  await checkPage(page, 'scrutiny-report-draft', seenBy('scrutineer'));
  await page.getByRole('button', { name: 'Publish the report' }).click();
  await page.waitForURL(`${reportUrl}?done=published`);

  const police = await signInAs(site, 'leadpolice');
  await police.goto(`${site.url}/partnership/scrutiny/reports`);
  await police.getByRole('link', { name: 'Scrutiny report: strategy discussions' }).click();
  const text = await police.locator('main').innerText();
  assert.ok(text.includes(POLICE_ANSWER), 'the police answer, unedited');
  assert.ok(text.includes(COUNCIL_ANSWER), 'the council answer, unedited');
  assert.doesNotMatch(text, /Publish the report/);
  await checkPage(police, 'scrutiny-report-published', seenBy('leadpolice'));
  await police.goto(`${site.url}/partnership/scrutiny/reads`);
  await checkPage(police, 'scrutiny-reads', seenBy('leadpolice'));

  // The executive (the partners' leads) sees the challenge settled and the report on its page.
  const council = await signInAs(site, 'leadcouncil');
  await council.goto(`${site.url}/partnership/executive`);
  const scrutiny = council.locator('section', {
    has: council.getByRole('heading', { name: 'Independent scrutiny' }),
  });
  assert.match(await scrutiny.innerText(), /Latest report: Scrutiny report: strategy discussions/);
  await checkPage(council, 'executive-after-scrutiny', seenBy('leadcouncil'));
});
