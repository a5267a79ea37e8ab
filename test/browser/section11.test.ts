// A section 11 round end to end in a real browser, as new users would work it: the business manager
// starts a round, the council's lead reviews its carried-forward answers, plans an action and
// submits; the police's lead challenges an answer, the council responds, the challenge is resolved;
// council practitioners answer the survey; the gap view shows where they disagree with the rating.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { londonToday } from '../../src/platform/dates.ts';
import { addDays } from '../../src/platform/calendar.ts';
import { checkPage, signInAs, startSite, type Site } from './harness.ts';
import { date, fill } from './forms.ts';

let site: Site;
const agencies: Record<string, string> = {};
const today = londonToday();
const year = String(Number(today.slice(0, 4)) + 1);
let roundUrl = '';
let assessmentUrl = '';

before(async () => {
  site = await startSite(20);
  for (const r of await site.db.query<{ id: string; name: string }>('select id, name from agency'))
    agencies[r.name] = r.id;
});
after(() => site?.close());

async function errorSummary(page: Page): Promise<string> {
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  return summary.innerText();
}

test('the business manager starts a round: errors first, then the round with a draft for each agency', async () => {
  const page = await signInAs(site, 'bm');
  await page.getByRole('link', { name: 'Partnership', exact: true }).click();
  await page.getByRole('link', { name: 'Section 11 and schools’ self-assessments' }).click();
  await checkPage(page, 's11-index');
  await page.getByRole('button', { name: 'Start a round' }).click();
  await page.getByRole('button', { name: 'Start round' }).click();
  assert.match(await errorSummary(page), /Select the kind of round/);
  await checkPage(page, 's11-round-errors');
  await fill(page, {
    kind: 'section11',
    year,
    ...date('opensOn', addDays(today, -1)),
    ...date('closesOn', addDays(today, 30)),
    agencyIds: [agencies['Elmshire County Council']!, agencies['Elmshire Constabulary']!],
  });
  await page.getByRole('button', { name: 'Start round' }).click();
  await page.waitForURL(/\/partnership\/section-11\/rounds\/[0-9a-f-]{36}\?done=round/);
  roundUrl = page.url().replace(/\?.*$/, '');
  assert.match(await page.locator('main').innerText(), /Elmshire Constabulary/);
  await checkPage(page, 's11-round');
  await page.context().close();
});

test('the council’s lead reviews each carried-forward answer, adds an action and submits', async () => {
  const page = await signInAs(site, 'leadcouncil');
  await page.goto(roundUrl);
  await page.getByRole('link', { name: 'Elmshire County Council' }).click();
  assessmentUrl = page.url();
  await checkPage(page, 's11-assessment-draft');
  await page.getByRole('button', { name: 'Submit self-assessment' }).click();
  assert.match(
    await errorSummary(page),
    /Review every answer carried forward from last round: 8 not reviewed/,
  );
  for (let i = 0; i < 8; i++) {
    await page
      .locator('#answers a', { hasText: /^Review/ })
      .first()
      .click();
    if (i === 0) {
      await page.getByLabel('How you meet the standard').fill('');
      await page.getByRole('button', { name: 'Save answer' }).click();
      assert.match(await errorSummary(page), /Enter how you meet the standard/);
      await checkPage(page, 's11-answer-errors');
    }
    await page.getByLabel('Green').check();
    await page.getByLabel('How you meet the standard').fill(`Reviewed for ${year}: still met.`);
    await page.getByRole('button', { name: 'Save answer' }).click();
    await page.waitForURL(/done=answer/);
  }
  await page.getByRole('link', { name: 'Add an action to the plan' }).click();
  await fill(page, {
    standardId: await page
      .locator('#standardId option')
      .nth(6)
      .getAttribute('value')
      .then((v) => v!),
    title: 'Record the child’s views in every assessment summary',
    ownerAgencyId: agencies['Elmshire County Council']!,
    ...date('dueOn', addDays(today, 90)),
  });
  await checkPage(page, 's11-action-form');
  await page.getByRole('button', { name: 'Add action' }).click();
  await page.waitForURL(/done=action/);
  assert.match(
    await page.locator('main').innerText(),
    /Record the child’s views in every assessment summary/,
  );
  await page.getByRole('button', { name: 'Submit self-assessment' }).click();
  await page.waitForURL(/done=submitted/);
  assert.match(await page.locator('main').innerText(), /Submitted/);
  await page.context().close();
});

test('peer challenge: the police’s lead asks, the council responds, the challenge changes the rating', async () => {
  const police = await signInAs(site, 'leadpolice');
  await police.goto(assessmentUrl);
  await police
    .getByRole('link', { name: /Challenge this answer/ })
    .first()
    .click();
  await police.getByRole('button', { name: 'Raise challenge' }).click();
  assert.match(await errorSummary(police), /Enter your question about this answer/);
  await police.getByLabel('Your question').fill('Where do the board minutes show this?');
  await police.getByRole('button', { name: 'Raise challenge' }).click();
  await police.waitForURL(/\/challenges\/[0-9a-f-]{36}\?done=challenge/);
  const challengeUrl = police.url().replace(/\?.*$/, '');
  await checkPage(police, 's11-challenge-open');

  const council = await signInAs(site, 'leadcouncil');
  await council.goto(assessmentUrl);
  await council
    .getByRole('link', { name: /See the challenge/ })
    .first()
    .click();
  await council
    .getByLabel('Your agency’s response')
    .fill('Minutes of March and June; oversight started in March.');
  await council.getByRole('button', { name: 'Send response' }).click();
  await council.waitForURL(/done=responded/);
  await council.context().close();

  await police.goto(challengeUrl);
  await police.getByLabel('Rating changed').check();
  await police
    .getByRole('group', { name: /New rating/ })
    .getByLabel('Amber')
    .check();
  await police.getByLabel('What was agreed').fill('Amber until a full year of minutes.');
  await police.getByRole('button', { name: 'Resolve challenge' }).click();
  await police.waitForURL(/done=resolved/);
  assert.match(await police.locator('main').innerText(), /changed from Green to Amber/);
  await checkPage(police, 's11-challenge-resolved');
  await police.context().close();
});

test('council practitioners answer the survey once each; the gap view flags where they disagree', async () => {
  for (const key of ['sw', 'sw2', 'tm']) {
    const page = await signInAs(site, key);
    await page.getByRole('link', { name: 'Safeguarding survey' }).click();
    await page.getByRole('link', { name: `Section 11 ${year} survey` }).click();
    if (key === 'sw') {
      await page.getByRole('button', { name: 'Send answers' }).click();
      assert.match(await errorSummary(page), /Select how far you agree with this statement/);
      await checkPage(page, 's11-survey-errors');
    }
    // all() does not wait: the survey's questions must be on the page before they are counted.
    await page.locator('main fieldset').first().waitFor();
    for (const group of await page.locator('main fieldset').all())
      await group.getByLabel('Disagree', { exact: true }).check();
    await page.getByRole('button', { name: 'Send answers' }).click();
    await page.waitForURL(/done=survey/, { timeout: 30_000 });
    assert.match(await page.locator('main').innerText(), new RegExp(`Section 11 ${year}: you have answered`));
    await page.context().close();
  }
  const bm = await signInAs(site, 'bm');
  await bm.goto(roundUrl);
  await bm.getByRole('link', { name: 'Where ratings and practitioners disagree' }).click();
  const text = await bm.locator('main').innerText();
  assert.match(text, /7 disagreements flagged/);
  assert.match(text, /Rated green, but only 0% of practitioners agree/);
  await checkPage(bm, 's11-gaps');
  await bm.context().close();
});
