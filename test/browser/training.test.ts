// Issue 12's training "done when" in a real browser: the business manager adds a course and a
// session, a health visitor books a place, the business manager records attendance after the day,
// the health visitor evaluates the course, and three calendar months after the session gives the
// impact follow-up, which the partnership's training data then counts. Every page is checked with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { addDays, addMonths } from '../../src/platform/calendar.ts';
import { formatDate, londonToday } from '../../src/platform/dates.ts';
import { date, fill } from './forms.ts';
import { checkPage, signInAs, startSite, type Site } from './harness.ts';

let site: Site;
let bm: Page;
let hv: Page;
let sessionUrl = '';
const today = londonToday();
const TITLE = 'Parental mental health and children';

before(async () => {
  site = await startSite(20);
  bm = await signInAs(site, 'bm');
  hv = await signInAs(site, 'hv');
});
after(() => site?.close());

const moveSessionTo = (heldOn: string) =>
  site.db.query('update training_session set held_on = $2 where id = $1', [
    sessionUrl.split('/').pop(),
    heldOn,
  ]);

const submit = (page: Page) => page.locator('main form button.govuk-button').first().click();

test('the business manager adds a course and a session', async () => {
  await bm.goto(`${site.url}/`);
  await bm.getByRole('link', { name: 'Training', exact: true }).click();
  await bm.waitForURL(`${site.url}/training`);
  await checkPage(bm, 'training-catalogue-bm');
  await bm.getByRole('button', { name: 'Add a course' }).click();
  await checkPage(bm, 'training-course-new');
  await fill(bm, {
    title: TITLE,
    level: 'multi_agency',
    audienceRoles: ['partner_practitioner', 'social_worker'],
  });
  await submit(bm);
  await bm.waitForURL(/\/training\/courses\/[0-9a-f-]{36}\?done=course$/);
  assert.match(await bm.locator('main').innerText(), /The course has been added/);
  await checkPage(bm, 'training-course');

  await bm.getByRole('button', { name: 'Add a session' }).click();
  await checkPage(bm, 'training-session-new');
  // Bad input first: the error summary names the missing fields.
  await submit(bm);
  assert.match(
    await bm.locator('.govuk-error-summary').innerText(),
    /Enter the session’s date[\s\S]*Enter the trainer’s name/,
  );
  await checkPage(bm, 'training-session-new-errors');
  await fill(bm, {
    ...date('heldOn', addDays(today, 7)),
    startsAt: '09:30',
    online: 'no',
    venue: 'Elmshire County Hall, Room 2',
    capacity: '12',
    trainer: 'Dr Ayesha Khan',
  });
  await submit(bm);
  await bm.waitForURL(/\/training\/sessions\/[0-9a-f-]{36}\?done=session$/);
  sessionUrl = new URL(bm.url()).pathname;
  await checkPage(bm, 'training-session-bm');
});

test('a health visitor books a place from the catalogue', async () => {
  await hv.goto(`${site.url}/training`);
  await checkPage(hv, 'training-catalogue-hv');
  await hv.locator(`main a[href="${sessionUrl}"]`).click();
  await hv.waitForURL(`${site.url}${sessionUrl}`);
  await hv.getByRole('button', { name: 'Book a place' }).click();
  await hv.waitForURL(/\?done=booked$/);
  assert.match(await hv.locator('main').innerText(), /You have a place on this session/);
  await checkPage(hv, 'training-session-booked');
  await hv.goto(`${site.url}/training/mine`);
  assert.match(await hv.locator('main').innerText(), new RegExp(`${TITLE}[\\s\\S]*Booked`));
  await checkPage(hv, 'training-mine-booked');
});

test('after the day, the business manager records attendance', async () => {
  await moveSessionTo(addDays(today, -1));
  await bm.goto(`${site.url}${sessionUrl}`);
  await checkPage(bm, 'training-session-attendance');
  await bm
    .getByRole('group', { name: /Joanne Fry/ })
    .getByLabel('Attended', { exact: true })
    .check();
  await bm.getByRole('button', { name: 'Record attendance' }).click();
  await bm.waitForURL(/\?done=attendance$/);
  assert.match(await bm.locator('main').innerText(), /Attendance has been recorded/);
});

test('the health visitor evaluates the course, then gives the impact follow-up 3 months on', async () => {
  await hv.goto(`${site.url}/training/mine`);
  // "Asked of you now" lists each step open, by course.
  await hv.locator('main li a', { hasText: `Evaluate the course: ${TITLE}` }).click();
  await hv.waitForURL(/\/evaluation$/);
  await checkPage(hv, 'training-evaluation');
  await fill(hv, { confidenceBefore: '2', confidenceAfter: '4', comments: 'Clear and practical.' });
  await submit(hv);
  await hv.waitForURL(/\/training\/mine\?done=evaluated$/);
  const opens = addMonths(addDays(today, -1), 3);
  assert.match(
    await hv.locator('main').innerText(),
    new RegExp(`Impact follow-up from ${formatDate(opens)}`),
  );
  await checkPage(hv, 'training-mine-evaluated');

  // Three calendar months later (the session moved back instead of the clock forward).
  await moveSessionTo(addMonths(today, -3));
  await hv.goto(`${site.url}/training/mine`);
  await hv.locator('main li a', { hasText: `Tell us about the impact: ${TITLE}` }).click();
  await hv.waitForURL(/\/follow-up$/);
  await checkPage(hv, 'training-follow-up');
  await submit(hv);
  assert.match(await hv.locator('.govuk-error-summary').innerText(), /Say what has changed in your practice/);
  await fill(hv, {
    changedPractice: 'I ask parents about their mental health at every new birth visit.',
    impact: '4',
  });
  await submit(hv);
  await hv.waitForURL(/\/training\/mine\?done=followed$/);
  assert.match(await hv.locator('main').innerText(), /Done: thank you/);
});

test('the partnership’s training data counts the evaluation and the follow-up', async () => {
  await bm.goto(`${site.url}/training/data`);
  await checkPage(bm, 'training-data');
  const row = await bm.locator('#outcomes tr', { hasText: TITLE }).innerText();
  // Attended 1, evaluations 1, before 2, after 4, change +2, follow-ups 1, impact 4.
  assert.match(row.replace(/\s+/g, ' '), /1 1 2 4 \+2 1 4/);
});
