// The partnership in a real browser: the business manager records a meeting with an action (bad
// input first); the owning agency's lead marks it done with evidence (refused without); the three
// statutory partners sign off the draft arrangements, which are then published and locked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkPage, signInAs, startSite, type Site } from './harness.ts';
import { date, fill } from './forms.ts';

let site: Site;
let actionUrl: string;

before(async () => {
  site = await startSite(0);
});
after(() => site?.close());

test('the business manager records a meeting of the executive and agrees an action', async () => {
  const page = await signInAs(site, 'bm');
  await page.getByRole('link', { name: 'Partnership', exact: true }).click();
  await checkPage(page, 'partnership-hub');
  await page.getByRole('link', { name: 'Meetings', exact: true }).click();
  await page.getByRole('button', { name: 'Record a meeting' }).click();
  await page.getByRole('button', { name: 'Record the meeting' }).click();
  await page.locator('.govuk-error-summary').waitFor();
  await checkPage(page, 'partnership-meeting-errors');

  await page.getByLabel('Safeguarding Partnership Executive').check();
  await fill(page, date('heldOn', '2026-11-20'));
  await page.getByLabel('Chair').selectOption({ label: 'Det Supt Mark Ellison (Elmshire Constabulary)' });
  await page.getByRole('button', { name: 'Record the meeting' }).click();
  await page.getByText('The meeting is recorded').waitFor();

  await page.getByRole('link', { name: 'Add an action' }).click();
  await page.getByLabel('What is to be done').fill('Police attend every strategy discussion in person');
  await page.getByLabel('Agency that owns the action').selectOption({ label: 'Elmshire Constabulary' });
  await page
    .getByLabel('Named owner (optional)')
    .selectOption({ label: 'Det Supt Mark Ellison (Elmshire Constabulary)' });
  await fill(page, date('dueOn', '2027-01-29'));
  await page.getByRole('button', { name: 'Add the action' }).click();
  await page.getByText('The action is added to the action log').waitFor();
  await checkPage(page, 'partnership-meeting');
  const link = page.getByRole('link', { name: 'Police attend every strategy discussion in person' });
  actionUrl = (await link.getAttribute('href'))!;
  assert.match(actionUrl, /^\/partnership\/actions\/[0-9a-f-]{36}$/);
});

test('the police lead marks the action done, with evidence; a council lead cannot', async () => {
  const council = await signInAs(site, 'leadcouncil');
  await council.goto(`${site.url}${actionUrl}`);
  assert.equal(await council.getByRole('button', { name: 'Save status' }).count(), 0);

  const page = await signInAs(site, 'leadpolice');
  await page.getByRole('link', { name: 'Partnership', exact: true }).click();
  await page.getByRole('link', { name: 'Actions', exact: true }).click();
  await page.getByRole('link', { name: 'Police attend every strategy discussion in person' }).first().click();
  await page.getByLabel('Done', { exact: true }).check();
  await page.getByRole('button', { name: 'Save status' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /Enter the evidence that the action is done/);
  await checkPage(page, 'partnership-action-errors');
  await page
    .getByLabel('Evidence of completion')
    .fill('Attendance rota agreed; 14 of 14 discussions attended in December');
  await page.getByRole('button', { name: 'Save status' }).click();
  await page.getByText('The action’s status is updated').waitFor();
  await checkPage(page, 'partnership-action-done');
  assert.match(await page.locator('main').innerText(), /from open to done/);
});

test('the three statutory partners sign off the draft arrangements; then they are published and locked', async () => {
  const draft = await site.db.query<{ id: string }>(
    `select id from arrangements_version where status = 'draft'`,
  );
  const url = `${site.url}/partnership/arrangements/${draft[0]!.id}`;
  // The demo draft carries the council's sign-off already: the police and the ICB complete it.
  const police = await signInAs(site, 'leadpolice');
  await police.goto(`${site.url}/partnership/arrangements`);
  await checkPage(police, 'partnership-arrangements');
  await police.goto(url);
  await police.getByRole('button', { name: 'Sign off for Elmshire Constabulary' }).click();
  await police.getByText('You signed off this version for your agency').waitFor();

  const icb = await signInAs(site, 'leadicb');
  await icb.goto(url);
  await icb.getByRole('button', { name: 'Sign off for NHS Elmshire Integrated Care Board' }).click();
  await icb.getByText('this version is published').waitFor();
  await checkPage(icb, 'partnership-arrangements-published');

  const bm = await signInAs(site, 'bm');
  await bm.goto(url);
  assert.equal(await bm.getByRole('link', { name: 'Change the draft' }).count(), 0);
  const res = await bm.goto(`${url}/edit`);
  assert.equal(res?.status(), 409);
  assert.match(await bm.locator('main').innerText(), /cannot be changed/);
});
