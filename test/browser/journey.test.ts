// The foundation's journey in a real browser: sign in, search with a typo, open the record, add to
// the child's chronology (bad input first), and see it on the timeline; then a partner agency's view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkPage, signInAs, startSite, type Site } from './harness.ts';

let site: Site;
let child: { id: string; given: string; family: string; dob: string };

before(async () => {
  site = await startSite(40);
  const [row] = await site.db.query<{ id: string; given: string; family: string; dob: string }>(
    `select p.id, p.given_name as given, p.family_name as family, p.date_of_birth as dob
     from allocation a join person p on p.id = a.person_id join app_user u on u.id = a.user_id
     where u.email = 'social.worker@together.example' and p.kind = 'child' and not p.unborn
       and length(p.family_name) >= 5 and not p.restricted
     order by p.id limit 1`,
  );
  assert.ok(row);
  child = row;
});
after(() => site?.close());

test('a social worker finds a child despite a typo, opens the record and adds to the chronology', async () => {
  const page = await signInAs(site, 'sw');
  await page.getByRole('link', { name: 'People', exact: true }).click();
  // Swap two letters of the family name, as people do.
  const typo = child.family.slice(0, 2) + child.family[3] + child.family[2] + child.family.slice(4);
  await page.getByLabel('Name', { exact: true }).fill(`${child.given} ${typo}`);
  const [y, m] = child.dob.split('-');
  await page.getByLabel('Month').fill(String(Number(m)));
  await page.getByLabel('Year').fill(y!);
  await page.getByRole('button', { name: 'Search' }).click();
  await checkPage(page, 'journey-search-results');
  await page
    .getByRole('link', { name: new RegExp(`${child.given} ${child.family}`) })
    .first()
    .click();
  await page.waitForURL(`${site.url}/people/${child.id}`);
  await assert.doesNotReject(page.getByRole('heading', { name: 'Chronology' }).waitFor());

  await page.getByRole('link', { name: 'Add to chronology', exact: true }).click();
  await page.getByRole('button', { name: 'Add to the chronology' }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /There is a problem/);
  await checkPage(page, 'journey-chronology-errors');

  await page.getByLabel('Day').fill('3');
  await page.getByLabel('Month').fill('11');
  await page.getByLabel('Year').fill('2026');
  await page
    .getByLabel('Category')
    .selectOption({ label: 'Home visit' })
    .catch(async () => {
      await page.getByLabel('Category').selectOption({ index: 1 });
    });
  await page.getByLabel('What happened').fill('Home visit: <b>Sam</b> showed me their room & drawings');
  await page.getByLabel('Medium').check();
  await page
    .getByLabel(/Everyone who may open the record/)
    .check()
    .catch(async () => {
      await page.locator('input[name="visibility"]').first().check();
    });
  await page.getByRole('button', { name: 'Add to the chronology' }).click();
  await page.waitForURL(new RegExp(`/people/${child.id}\\?added=1`));
  // Stored as typed, shown as text: the tags are not markup.
  await assert.doesNotReject(
    page.getByText('Home visit: <b>Sam</b> showed me their room & drawings').waitFor(),
  );
  assert.equal(await page.locator('td b').count(), 0);
  await checkPage(page, 'journey-record-after-entry');
  await page.context().close();
});

test('a partner agency practitioner cannot open a child their agency has nothing to do with, and is offered break-glass', async () => {
  const page = await signInAs(site, 'probation');
  const res = await page.goto(`${site.url}/people/${child.id}`);
  assert.equal(res?.status(), 403);
  const body = await page.locator('main').innerText();
  assert.doesNotMatch(body, new RegExp(child.family));
  await page.getByRole('link', { name: 'Use break-glass access' }).click();
  await page
    .getByRole('button')
    .filter({ hasText: /break-glass|Open the record|Continue/i })
    .first()
    .click();
  await page.locator('.govuk-error-summary').waitFor();
  await checkPage(page, 'journey-break-glass-errors');
  await page.context().close();
});
