// Issue 15's "done when" for the yearly report, in a real browser: the business manager finds the
// partnership dataset from the hub, reads a year's figures with their definitions and charts, and
// downloads them; writes the demo's drafted report for 2025 to 2026 (a refused, too-long section
// first); the three statutory partners' leads sign it off; the published report opens as a page and
// as a PDF. Every page is checked with axe after its scripts ran, and its links followed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fill } from './forms.ts';
import { checkPage, signInAs, startSite, type Site } from './harness.ts';

let site: Site;
const REPORT = '/partnership/yearly-reports/2025';

before(async () => {
  site = await startSite(40);
});
after(() => site?.close());

test('the business manager reads the dataset for a year, with definitions, charts and a CSV', async () => {
  const page = await signInAs(site, 'bm');
  const seen = new Set<string>();
  await page.goto(`${site.url}/partnership`);
  await page.getByRole('link', { name: 'The partnership dataset' }).click();
  await page.waitForURL(/\/partnership\/dataset$/);
  await page.getByLabel('Year (1 April to 31 March)').selectOption('2025');
  await page.getByRole('button', { name: 'Show the year' }).click();
  await page.waitForURL(/\/partnership\/dataset\?year=2025/);
  const main = (await page.textContent('main'))!;
  assert.match(main, /1 April 2025 to 31 March 2026/);
  assert.match(main, /Decisions within one working day/);
  assert.match(main, /bank holidays are not working days/);
  await checkPage(page, 'dataset-2025', seen);
  await page
    .getByRole('link', { name: /Assessments and child protection: charts by month and quarter/ })
    .click();
  await page.waitForURL(/\/partnership\/dataset\/casework\?year=2025/);
  await page.locator('figure.app-chart svg[role="img"]').first().waitFor();
  const charts = await page.locator('figure.app-chart svg[role="img"]').count();
  assert.equal(charts, 6);
  assert.equal(await page.locator('figure.app-chart details').count(), charts, 'a table behind each chart');
  await checkPage(page, 'dataset-2025-casework', seen);
  const csv = await page.request.get(`${site.url}/partnership/dataset.csv?year=2025`);
  assert.equal(csv.status(), 200);
  const text = await csv.text();
  for (const measure of ['Contacts received', 'Decisions within one working day', 'Case audit grades'])
    assert.ok(text.includes(`,${measure},2025 to 2026,2025-04-01,Whole partnership,`), measure);
  await page.context().close();
});

test('the business manager writes the drafted report; a section too long is refused', async () => {
  const page = await signInAs(site, 'bm');
  await page.goto(`${site.url}/partnership/yearly-reports`);
  await checkPage(page, 'yearly-reports');
  await page.getByRole('link', { name: '1 April 2025 to 31 March 2026' }).click();
  await page.waitForURL(new RegExp(`${REPORT}$`));
  const draft = (await page.textContent('main'))!;
  assert.match(draft, /Draft/);
  assert.match(draft, /Signed by .*, /, 'the council’s lead has signed the demo draft');
  await checkPage(page, 'yearly-report-draft');
  await page.getByRole('link', { name: 'Write the report’s sections' }).click();
  await page.waitForURL(new RegExp(`${REPORT}/edit$`));
  await checkPage(page, 'yearly-report-edit');
  await fill(page, { voice: 'x'.repeat(20_001) });
  await page.getByRole('button', { name: 'Save the report' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.equal(await page.locator('.govuk-error-summary li').count(), 1);
  await checkPage(page, 'yearly-report-edit-errors');
  await fill(page, {
    voice:
      'Children told us they want one worker who stays.\n\nThe young people’s panel checked what we did.',
  });
  await page.getByRole('button', { name: 'Save the report' }).click();
  await page.waitForURL(new RegExp(`${REPORT}\\?done=saved`));
  const saved = (await page.textContent('main'))!;
  assert.match(saved, /The report is saved/);
  assert.match(saved, /The young people’s panel checked what we did/);
  assert.doesNotMatch(saved, /Signed by/, 'the change withdrew the sign-off given');
  await page.context().close();
});

test('the three statutory partners sign it off; the last signature publishes it, as a page and a PDF', async () => {
  for (const [key, agency, done] of [
    ['leadcouncil', 'Elmshire County Council', 'You signed off the yearly report for your agency'],
    ['leadpolice', 'Elmshire Constabulary', 'You signed off the yearly report for your agency'],
    ['leadicb', 'NHS Elmshire Integrated Care Board', 'the yearly report is published'],
  ] as const) {
    const page = await signInAs(site, key);
    await page.goto(`${site.url}${REPORT}`);
    await page.getByRole('button', { name: `Sign off for ${agency}` }).click();
    await page.waitForURL(/\?done=(signed|published)/);
    assert.match((await page.textContent('main'))!, new RegExp(done));
    if (key === 'leadicb') {
      assert.match((await page.textContent('main'))!, /Published/);
      await checkPage(page, 'yearly-report-published');
      const pdf = await page.request.get(`${site.url}${REPORT}/report.pdf`);
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    }
    await page.context().close();
  }
  const scrutineer = await signInAs(site, 'scrutineer');
  await scrutineer.goto(`${site.url}${REPORT}`);
  assert.equal(await scrutineer.getByRole('button', { name: /Sign off/ }).count(), 0);
  assert.equal(await scrutineer.getByRole('link', { name: 'Write the report’s sections' }).count(), 0);
  await checkPage(scrutineer, 'yearly-report-published-scrutineer');
  await scrutineer.context().close();
});
