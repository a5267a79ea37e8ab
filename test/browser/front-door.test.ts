// The front door's "done when" in a real browser: a teacher's referral reaches the MASH queue, is
// matched to the child and to a known adult of the household, gathers answers from police and
// health, is decided in time by the manager, the teacher sees the outcome and the dashboard counts it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { fillDate, radio } from './forms.ts';
import { checkPage, signInAs, startSite, type Site } from './harness.ts';

interface Known {
  id: string;
  given: string;
  family: string;
  dob: string;
}

let site: Site;
let child: Known & { nhs: string | null };
let adult: Known;

before(async () => {
  site = await startSite(40);
  // A child the seed put in the index, and an adult who lives in the same household.
  const [row] = await site.db.query<{
    cid: string;
    cgiven: string;
    cfamily: string;
    cdob: string;
    cnhs: string | null;
    aid: string;
    agiven: string;
    afamily: string;
    adob: string;
  }>(
    `select c.id as cid, c.given_name as cgiven, c.family_name as cfamily, c.date_of_birth::text as cdob,
            c.nhs_number as cnhs, a.id as aid, a.given_name as agiven, a.family_name as afamily,
            a.date_of_birth::text as adob
     from person c
     join household_member hc on hc.person_id = c.id and hc.to_date is null
     join household_member ha on ha.household_id = hc.household_id and ha.to_date is null
     join person a on a.id = ha.person_id
     where c.kind = 'child' and not c.unborn and not c.restricted and c.date_of_birth is not null
       and a.kind = 'adult' and not a.restricted and a.date_of_birth is not null
     order by c.id, a.id limit 1`,
  );
  assert.ok(row, 'the seed made a child with an adult in the household');
  child = { id: row.cid, given: row.cgiven, family: row.cfamily, dob: row.cdob, nhs: row.cnhs };
  adult = { id: row.aid, given: row.agiven, family: row.afamily, dob: row.adob };
});
after(() => site?.close());

const saveAndContinue = (page: Page) => page.getByRole('button', { name: 'Save and continue' }).click();

/** The dashboard's "in the period" figures the journey changes. */
async function dashboardFigures(page: Page) {
  await page.getByRole('link', { name: 'MASH dashboard', exact: true }).click();
  await page.getByRole('heading', { name: 'MASH dashboard' }).waitFor();
  const text = await page.locator('main').innerText();
  const decided = Number(/Decided in time\s+\S+ of (\d+) decided/.exec(text)?.[1]);
  const breaches = Number(/Breaches\s+(\d+)/.exec(text)?.[1]);
  const s17 = Number(/Section 17 assessment\s+(\d+)/.exec(text)?.[1] ?? 0);
  assert.ok(Number.isFinite(decided) && Number.isFinite(breaches), text);
  return { decided, breaches, s17 };
}

test('a teacher’s referral is matched, answered by police and health, decided in time, and the teacher sees the outcome', async () => {
  const concern = `${child.given} came to school with bruising to her arm and said ${adult.given} grabbed her.`;

  // The teacher makes the referral, page by page.
  const teacher = await signInAs(site, 'teacher');
  await teacher.getByRole('link', { name: 'Referrals', exact: true }).click();
  await checkPage(teacher, 'front-door-your-referrals-empty');
  await teacher.getByRole('button', { name: 'Make a referral' }).click();

  await teacher.getByRole('heading', { name: 'About the child' }).waitFor();
  await fillDate(teacher, 'Date of birth', child.dob);
  await teacher.getByLabel('First name').fill(child.given);
  await teacher.getByLabel('Last name').fill(child.family);
  if (child.nhs) await teacher.getByLabel('NHS number (optional)').fill(child.nhs);
  await checkPage(teacher, 'front-door-child');
  await saveAndContinue(teacher);
  await radio(teacher, 'Do you need to add another child?', 'No').check();
  await checkPage(teacher, 'front-door-children-list');
  await saveAndContinue(teacher);

  await radio(teacher, /Do you know of any adults/, 'Yes').check();
  await checkPage(teacher, 'front-door-adults-list-empty');
  await saveAndContinue(teacher);
  await teacher.getByRole('heading', { name: 'About the adult' }).waitFor();
  await teacher.getByLabel('First name').fill(adult.given);
  await teacher.getByLabel('Last name').fill(adult.family);
  await fillDate(teacher, 'Date of birth', adult.dob);
  await teacher
    .getByLabel('How are they related to the child?')
    .selectOption({ label: 'Partner of a parent' });
  await radio(teacher, 'Do they live with the child?', 'Yes').check();
  await checkPage(teacher, 'front-door-adult');
  await saveAndContinue(teacher);
  await radio(teacher, 'Do you need to add another adult?', 'No').check();
  await saveAndContinue(teacher);

  await teacher.getByLabel('Address line 1').fill('12 Alder Road');
  await teacher.getByLabel('Town or city (optional)').fill('Elmbridge');
  await teacher.getByLabel('Postcode').fill('EL1 2AB');
  await checkPage(teacher, 'front-door-address');
  await saveAndContinue(teacher);

  await teacher.getByLabel('What is your concern about the child?').fill(concern);
  await checkPage(teacher, 'front-door-concern');
  await saveAndContinue(teacher);

  await radio(teacher, 'Has the child said anything about this?', 'Yes').check();
  await teacher.getByLabel('What did they say, in their own words?').fill('He gets angry and grabs me.');
  await checkPage(teacher, 'front-door-child-said');
  await saveAndContinue(teacher);

  await radio(teacher, 'Is any child at immediate risk of harm?', 'No').check();
  await checkPage(teacher, 'front-door-risks');
  await saveAndContinue(teacher);

  await radio(teacher, 'Does the family know about this referral?', 'No').check();
  await radio(teacher, 'Does the family consent to this referral?', 'Consent was not asked for').check();
  await teacher
    .getByLabel('Why are you referring without consent?')
    .fill('Asking could put the child at risk tonight.');
  await teacher.getByLabel('Who decided to share without consent?').fill('Rachel Turner, DSL');
  await checkPage(teacher, 'front-door-consent');
  await saveAndContinue(teacher);

  // Name, email and organisation come from the signed-in user; the phone number does not.
  assert.notEqual(await teacher.getByLabel('Full name').inputValue(), '');
  await teacher.getByLabel('Job title or role').fill('Designated safeguarding lead');
  await teacher.getByLabel('Phone number').fill('01632 960 001');
  await checkPage(teacher, 'front-door-referrer');
  await saveAndContinue(teacher);

  await teacher.getByRole('heading', { name: 'Check your answers before sending the referral' }).waitFor();
  const check = await teacher.locator('main').innerText();
  assert.ok(check.includes(`${adult.given} ${adult.family}`), 'the adult is on the check page');
  assert.ok(check.includes(concern), 'the concern is on the check page');
  await checkPage(teacher, 'front-door-check');
  await teacher.getByRole('button', { name: 'Send the referral' }).click();
  await teacher.waitForURL(/\/referrals\/[0-9a-f-]{36}\/confirmation$/);
  const panel = teacher.locator('.govuk-panel');
  const reference = /R-\d{4}-\d{6}/.exec(await panel.innerText())?.[0];
  assert.ok(reference, 'the confirmation panel shows the reference');
  await checkPage(teacher, 'front-door-confirmation');

  // The MASH officer opens it from the queue, rates it and matches the people.
  const mash = await signInAs(site, 'mash');
  await mash.getByRole('link', { name: 'MASH', exact: true }).click();
  await checkPage(mash, 'front-door-mash-queue');
  await mash.getByRole('link', { name: reference }).click();
  await mash.getByRole('heading', { name: reference, level: 1 }).waitFor();
  const contactUrl = mash.url().replace(/#.*$/, '');
  await checkPage(mash, 'front-door-contact');
  await radio(mash, 'RAG rating', 'Amber').check();
  await mash.getByRole('button', { name: 'Save RAG rating' }).click();
  await mash.getByRole('heading', { name: reference, level: 1 }).waitFor();

  for (const [who, label] of [
    [child, 'front-door-match-child'],
    [adult, 'front-door-match-adult'],
  ] as const) {
    await mash.getByRole('link', { name: `Find a match for ${who.given} ${who.family}` }).click();
    await mash
      .getByRole('heading', { name: `Match ${who.given} ${who.family} to the person index` })
      .waitFor();
    await checkPage(mash, label);
    // The seeded record is among the candidates; its button names the person it links to.
    const card = mash
      .locator('form')
      .filter({ has: mash.locator(`input[name="personId"][value="${who.id}"]`) });
    assert.equal(await card.count(), 1, `${who.given} ${who.family} is a candidate`);
    const link = card.getByRole('button', { name: /^Link to this record/ });
    assert.match((await link.textContent()) ?? '', new RegExp(`${who.given} ${who.family}`));
    await link.click();
    await mash.waitForURL((u) => u.href.startsWith(contactUrl));
  }
  const people = mash.locator('#people').locator('..');
  assert.equal(await mash.getByRole('link', { name: /^Change the match for / }).count(), 2);
  assert.equal(await people.getByText('Not linked', { exact: true }).count(), 0);

  await mash.getByRole('group', { name: 'Which agencies?' }).getByLabel('Elmshire Constabulary').check();
  await mash
    .getByRole('group', { name: 'Which agencies?' })
    .getByLabel('NHS Elmshire Integrated Care Board')
    .check();
  await mash
    .getByLabel('What do you need to know?')
    .fill(`Any incidents involving ${adult.given} ${adult.family} or at 12 Alder Road?`);
  await mash.getByRole('button', { name: 'Send the requests' }).click();
  await mash.getByRole('heading', { name: reference, level: 1 }).waitFor();
  assert.equal(await mash.getByText('Awaiting answer', { exact: true }).count(), 2);
  await checkPage(mash, 'front-door-contact-matched');

  // Police and health answer the requests addressed to their agency, about each person asked about.
  const childName = `${child.given} ${child.family}`;
  const adultName = `${adult.given} ${adult.family}`;
  for (const [key, holds] of [
    ['police', 'Yes'],
    ['health', 'No'],
  ] as const) {
    const p = await signInAs(site, key);
    await p.getByRole('link', { name: 'Information requests', exact: true }).click();
    await checkPage(p, `front-door-requests-${key}`);
    await p.getByRole('link', { name: new RegExp(`^${reference}`) }).click();
    assert.match(await p.locator('main').innerText(), new RegExp(`Any incidents involving ${adult.given}`));
    assert.ok(!(await p.locator('main').innerText()).includes('bruising'), 'not the concern');
    const about = (name: string) => `Does your agency hold information about ${name}?`;
    await radio(p, about(childName), `No, we hold nothing about ${childName}`).check();
    if (holds === 'Yes') {
      await radio(p, about(adultName), 'Yes').check();
      await p
        .getByLabel(`What does your agency know about ${adultName}?`)
        .fill('Two domestic abuse callouts in 2024.');
    } else await radio(p, about(adultName), `No, we hold nothing about ${adultName}`).check();
    await checkPage(p, `front-door-request-${key}`);
    await p.getByRole('button', { name: 'Send the answer' }).click();
    await p.getByText('Answered', { exact: true }).first().waitFor();
    await p.context().close();
  }
  await mash.reload();
  assert.match(await mash.locator('main').innerText(), /Two domestic abuse callouts/);
  assert.equal(await mash.getByText('Awaiting answer', { exact: true }).count(), 0);
  await mash.context().close();

  // The manager decides: a section 17 assessment, with a rationale.
  const mgr = await signInAs(site, 'mashmgr');
  const beforeDecision = await dashboardFigures(mgr);
  await checkPage(mgr, 'front-door-dashboard-before');
  await mgr.getByRole('link', { name: 'MASH', exact: true }).click();
  await mgr.getByRole('link', { name: reference }).click();
  await mgr.getByRole('button', { name: 'Make the decision' }).click();
  await checkPage(mgr, 'front-door-decision');
  await radio(mgr, 'What is your decision?', 'Section 17 assessment').check();
  await mgr.getByLabel('Which team will the work wait for?').selectOption({ label: 'Assessment Team North' });
  await mgr
    .getByLabel('Your rationale')
    .fill('Disclosure of physical harm by the mother’s partner, with a police history of domestic abuse.');
  await mgr
    .getByLabel('What happens next, for the referrer')
    .fill('A social worker will assess Ellie’s needs with her family and will contact you this week.');
  await mgr.getByRole('button', { name: 'Record the decision' }).click();
  await mgr.getByRole('heading', { name: 'Decision', exact: true }).waitFor();
  await mgr.getByText('Decided', { exact: true }).first().waitFor();
  assert.match(await mgr.locator('main').innerText(), /Section 17 assessment/);
  await checkPage(mgr, 'front-door-contact-decided');

  // The dashboard counts one more decision, and no more breaches: it was decided in time.
  const afterDecision = await dashboardFigures(mgr);
  assert.equal(afterDecision.decided, beforeDecision.decided + 1);
  assert.equal(afterDecision.breaches, beforeDecision.breaches);
  assert.equal(afterDecision.s17, beforeDecision.s17 + 1);
  await checkPage(mgr, 'front-door-dashboard-after');
  await mgr.context().close();

  // The teacher sees the outcome, and not the rationale or the record.
  await teacher.getByRole('link', { name: 'your referrals' }).click();
  const row = teacher.getByRole('row').filter({ hasText: reference });
  assert.match(await row.innerText(), /Decided/);
  assert.match(await row.innerText(), /Section 17 assessment/);
  await checkPage(teacher, 'front-door-your-referrals-decided');
  await row.getByRole('link', { name: reference }).click();
  const detail = await teacher.locator('main').innerText();
  assert.match(detail, /Section 17 assessment/);
  assert.match(
    detail,
    /What happens next\s+A social worker will assess Ellie’s needs/,
    'the MASH’s feedback',
  );
  assert.ok(!detail.includes('police history'), 'not the rationale');
  assert.ok(!detail.includes('domestic abuse callouts'), 'not other agencies’ answers');
  assert.equal(await teacher.locator(`a[href*="${child.id}"]`).count(), 0, 'no link to the record');
  await checkPage(teacher, 'front-door-your-referral');
  await teacher.context().close();
});
