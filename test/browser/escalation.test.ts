// Issue 12's escalation "done when" in a real browser: the teacher raises an escalation about a
// child of her school with the council; the council's social worker moves it to managers, the
// teacher to heads of service; the teacher resolves it with its learning and an action for the
// action log; the business manager then sees it counted on the executive's page. Every page is
// checked with axe after its scripts ran, and its links followed for the user who sees it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addWorkingDays } from '../../src/platform/calendar.ts';
import { formatDate, londonToday } from '../../src/platform/dates.ts';
import { date, fill, radio } from './forms.ts';
import { checkPage, signInAs, startSite, type Site } from './harness.ts';

let site: Site;
let child: { id: string; name: string };
let escalationUrl = '';
const today = londonToday();
const resolvedInYear = async () =>
  (
    await site.db.query<{ n: number }>(
      `select count(*)::int as n from escalation where resolved_on >= current_date - interval '12 months'`,
    )
  )[0]!.n;
let resolvedBefore = 0;

before(async () => {
  site = await startSite(40);
  // A child Kingsmead Primary School works with (its open involvement), not restricted.
  const [row] = await site.db.query<{ id: string; name: string }>(
    `select p.id, p.given_name || ' ' || p.family_name as name from person p
     join involvement i on i.person_id = p.id and i.ended_on is null
     join agency a on a.id = i.agency_id and a.name = 'Kingsmead Primary School'
     where p.kind = 'child' and not p.restricted order by p.id limit 1`,
  );
  assert.ok(row, 'a child of the school');
  child = row;
  resolvedBefore = await resolvedInYear();
});
after(() => site?.close());

test('the teacher raises an escalation with the council from the child’s record', async () => {
  const page = await signInAs(site, 'teacher');
  await page.goto(`${site.url}/people/${child.id}`);
  await page.getByRole('link', { name: 'Raise an escalation' }).click();
  await page.waitForURL(/\/escalations\/new\?person=/);
  await checkPage(page, 'escalation-new');
  assert.ok((await page.textContent('main'))!.includes(child.name));
  // Nothing filled in: the error summary names each question.
  await page.getByRole('button', { name: 'Raise the escalation' }).click();
  // The refused form comes back from the server: wait for it before counting.
  await page.locator('.govuk-error-summary').waitFor();
  assert.equal(await page.locator('.govuk-error-summary li').count(), 3);
  await checkPage(page, 'escalation-new-errors');
  await page
    .getByLabel('Which agency do you disagree with?')
    .selectOption({ label: 'Elmshire County Council' });
  await fill(page, {
    disagreement: 'The referral was closed with no further action; the school still sees signs of neglect.',
    tried: 'Called the duty social worker on Monday and sent the attendance record.',
  });
  await page.getByRole('button', { name: 'Raise the escalation' }).click();
  await page.waitForURL(/\/escalations\/[0-9a-f-]{36}\?done=raised/);
  escalationUrl = page.url().replace(/\?.*$/, '');
  const main = (await page.textContent('main'))!;
  assert.match(main, /The escalation is raised/);
  assert.match(main, /With practitioners since/);
  assert.ok(main.includes(formatDate(addWorkingDays(today, 2))), 'due in 2 working days');
  await checkPage(page, 'escalation-raised');
  await page.context().close();
});

test('the council’s social worker moves it to managers; the teacher to heads of service', async () => {
  for (const [key, reason, stage] of [
    ['sw', 'We judged the threshold for a child in need assessment not met.', 'managers'],
    ['teacher', 'The managers could not agree on the threshold.', 'heads of service'],
  ] as const) {
    const page = await signInAs(site, key);
    await page.goto(escalationUrl);
    await checkPage(page, `escalation-before-${stage.replace(/ /g, '-')}`);
    await page.getByRole('button', { name: 'Move to the next stage' }).click();
    await checkPage(page, `escalation-stage-${stage.replace(/ /g, '-')}`);
    await page.getByRole('button', { name: 'Move it to the next stage' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    assert.equal(await page.locator('.govuk-error-summary').count(), 1, 'a reason is needed');
    await fill(page, { reason });
    await page.getByRole('button', { name: 'Move it to the next stage' }).click();
    await page.waitForURL(/\?done=moved/);
    assert.match((await page.textContent('main'))!, new RegExp(`With ${stage} since`));
    await page.context().close();
  }
});

test('the teacher resolves it with the learning and an action for the council', async () => {
  const page = await signInAs(site, 'teacher');
  await page.goto(escalationUrl);
  await page.getByRole('button', { name: 'Resolve', exact: true }).click();
  await checkPage(page, 'escalation-resolution');
  await radio(page, 'What was the outcome?', 'Agreed between the agencies').check();
  await fill(page, { learning: 'Closure letters go to every agency involved, with the reasons.' });
  await radio(page, /action log/, 'Yes').check();
  await fill(page, {
    title: 'Send closure reasons to every agency involved',
    ...date('dueOn', `${Number(today.slice(0, 4)) + 1}-03-31`),
  });
  await page.locator('main [name="ownerAgencyId"]').selectOption({ label: 'Elmshire County Council' });
  await page.getByRole('button', { name: 'Resolve the escalation' }).click();
  await page.waitForURL(/\?done=resolved/);
  const main = (await page.textContent('main'))!;
  assert.match(main, /Agreed between the agencies/);
  assert.match(main, /in the partnership’s action log/);
  assert.doesNotMatch(main, /Move to the next stage/);
  await checkPage(page, 'escalation-resolved');
  const [row] = await site.db.query<{ steps: number; actions: number }>(
    `select (select count(*)::int from escalation_step s where s.escalation_id = e.id) as steps,
       (select count(*)::int from partnership_action a where a.source_kind = 'escalation' and a.source_id = e.id::text) as actions
     from escalation e where e.id = $1`,
    [escalationUrl.split('/').pop()],
  );
  assert.deepEqual(row, { steps: 4, actions: 1 });
  await page.context().close();
});

test('the executive’s page counts it', async () => {
  const page = await signInAs(site, 'bm');
  await page.goto(`${site.url}/partnership/executive`);
  await checkPage(page, 'executive');
  const resolved = await resolvedInYear();
  assert.equal(resolved, resolvedBefore + 1);
  const main = (await page.textContent('main'))!;
  assert.ok(main.includes(`${resolved} resolved in the last 12 months`), 'the escalations panel');
  // Every drawing on the page is a named image inside a figure with the table behind it.
  const drawings = await page.locator('main svg[role="img"]').count();
  assert.ok(drawings >= 2, `${drawings} charts`);
  assert.equal(
    await page.locator('main figure.app-chart details').count(),
    drawings,
    'a table for each chart',
  );
  const panel = page.getByRole('region', { name: 'Escalations' });
  await panel.getByText('Show the figures: Open escalations by agency and stage').click();
  const row = panel.getByRole('row', { name: /Kingsmead Primary School/ });
  assert.ok(await row.isVisible(), 'the school’s row in the table behind the chart');
  await page.context().close();
});
