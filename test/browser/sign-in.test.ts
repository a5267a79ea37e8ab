import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkPage, signInAs, startSite, type Site } from './harness.ts';

let site: Site;
before(async () => {
  site = await startSite(40);
});
after(() => site?.close());

test('the sign-in page is accessible and shows errors in the GOV.UK error summary', async () => {
  const context = await site.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${site.url}/sign-in`);
  await checkPage(page, 'sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await assert.doesNotReject(page.getByRole('alert').getByText('Enter your email address').waitFor());
  await checkPage(page, 'sign-in-errors');
  await context.close();
});

for (const key of ['sw', 'teacher', 'mash', 'dpo', 'admin', 'scrutineer', 'public']) {
  test(`home page for ${key}: names the user, agency and role, and is accessible`, async () => {
    const page = await signInAs(site, key);
    const header = await page.locator('header').innerText();
    assert.match(header, /·/);
    await checkPage(page, `home-${key}`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in\?signedOut=1/);
    await page.context().close();
  });
}
