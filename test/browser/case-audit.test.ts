// A multi-agency case audit in a real browser, as the people who run it would: the business manager
// plans it and draws the sample, the police and council leads answer for a sampled child (and read
// its record while the audit runs), the business manager moderates the grade, records a finding and
// an action, and closes the audit; the auditors' access ends and the results show the grade.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { date, fill } from './forms.ts';
import { checkPage, signInAs, startSite, type Site } from './harness.ts';
import { londonToday } from '../../src/platform/dates.ts';
import { QUESTIONS } from '../../src/features/case-audits/service.ts';

let site: Site;
const ids: Record<string, string> = {};

before(async () => {
  site = await startSite(40);
  const rows = await site.db.query<{ key: string; id: string }>(
    `select split_part(email, '@', 1) as key, id from app_user
     where email in ('lead.council@together.example', 'lead.police@together.example')`,
  );
  for (const r of rows) ids[r.key] = r.id;
  const agencies = await site.db.query<{ name: string; id: string }>(`select name, id from agency`);
  for (const a of agencies) ids[a.name] = a.id;
});
after(() => site?.close());

const shift = (days: number) =>
  new Date(Date.parse(`${londonToday()}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function answerAsLead(page: Page, overall: string) {
  await page.getByRole('link', { name: 'Partnership', exact: true }).click();
  await page.getByRole('link', { name: 'Case audits', exact: true }).click();
  await page.getByRole('link', { name: 'Audit of the journey' }).click();
  await page.getByRole('link', { name: /^Child 1/ }).click();
  await checkPage(page, `case-audit-answer-${overall}`);
  const fields: Record<string, string> = { overallGrade: overall };
  for (const q of QUESTIONS) {
    fields[`${q.key}Grade`] = overall;
    fields[`${q.key}Comment`] = `Our records show ${q.key} was ${overall.replace('_', ' ')}.`;
  }
  await fill(page, fields);
  await page.getByRole('button', { name: 'Save your answers' }).click();
  await page.getByText('Your agency’s answers are saved.').waitFor();
}

test('a case audit runs from plan and sample to answers, moderation, findings and actions', async () => {
  // The business manager plans the audit from the partnership's hub.
  const bm = await signInAs(site, 'bm');
  await bm.getByRole('link', { name: 'Partnership', exact: true }).click();
  await bm.getByRole('link', { name: 'Case audits', exact: true }).click();
  await bm.getByRole('button', { name: 'Plan a case audit' }).click();
  await checkPage(bm, 'case-audit-plan');
  // Forgetting the agencies is pointed out, with what was typed kept.
  await fill(bm, { title: 'Audit of the journey', theme: 'neglect' });
  await bm.getByRole('button', { name: 'Plan the audit and draw the sample' }).click();
  await bm.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.equal(await bm.locator('[name="title"]').inputValue(), 'Audit of the journey');
  await checkPage(bm, 'case-audit-plan-errors');
  await fill(bm, {
    ...date('startsOn', shift(-1)),
    ...date('endsOn', shift(20)),
    agencyIds: [ids['Elmshire County Council']!, ids['Elmshire Constabulary']!],
    auditorIds: [ids['lead.council']!, ids['lead.police']!],
    sampleMethod: 'criteria',
    status: 'any',
    sampleSize: '2',
    seed: 'journey',
  });
  await bm.getByRole('button', { name: 'Plan the audit and draw the sample' }).click();
  await bm.getByText('The audit is planned and its sample drawn.').waitFor();
  await checkPage(bm, 'case-audit-planned');
  const auditUrl = bm.url();
  const main = await bm.locator('main').innerText();
  assert.match(main, /journey/);
  assert.match(main, /Child 2/);

  // The police and the council answer for the first child, and may read the child's record.
  const police = await signInAs(site, 'leadpolice');
  await answerAsLead(police, 'requires_improvement');
  const recordLink = police.getByRole('link', { name: 'Open the child’s record' });
  const recordHref = (await recordLink.getAttribute('href'))!;
  await recordLink.click();
  assert.equal(new URL(police.url()).pathname, recordHref);
  await checkPage(police, 'case-audit-record-as-auditor');
  const council = await signInAs(site, 'leadcouncil');
  await answerAsLead(council, 'good');

  // The business manager moderates, records a finding and an action, and closes the audit.
  await bm.goto(auditUrl);
  await bm.getByRole('link', { name: /^Child 1/ }).click();
  await fill(bm, {
    grade: 'requires_improvement',
    note: 'The police view is upheld: the strategy discussion was late.',
  });
  await bm.getByRole('button', { name: 'Save the moderated grade' }).click();
  await bm.getByText('The moderated grade is saved.').waitFor();
  await checkPage(bm, 'case-audit-moderated');
  await bm.getByRole('link', { name: 'Back to the audit' }).click();
  await fill(bm, {
    theme: 'Strategy discussions',
    finding: 'Police were invited late to strategy discussions.',
  });
  await bm.getByRole('button', { name: 'Add the finding' }).click();
  await bm.getByText('The finding is added.').waitFor();
  await fill(bm, {
    title: 'Invite the police to every strategy discussion on the day',
    ownerAgencyId: ids['Elmshire Constabulary']!,
    ...date('dueOn', shift(90)),
  });
  await bm.getByRole('button', { name: 'Add the action' }).click();
  await bm.getByText('The action is added to the partnership’s action log.').waitFor();
  const withAction = await bm.locator('main').innerText();
  assert.match(withAction, /Police were invited late/);
  assert.match(withAction, /Invite the police to every strategy discussion on the day/);
  assert.match(withAction, /Requires improvement/);
  await checkPage(bm, 'case-audit-findings-actions');
  await bm.getByRole('button', { name: 'Close the audit' }).click();
  await bm.getByText('The audit is closed').first().waitFor();

  // The auditor's access to the child's record has ended.
  const res = await police.goto(`${site.url}${recordHref}`);
  assert.equal(res?.status(), 404);

  // The results show the audit's moderated grade.
  await bm.goto(`${site.url}/partnership/case-audits/results`);
  const results = await bm.locator('main').innerText();
  assert.match(results, /Audit of the journey/);
  await checkPage(bm, 'case-audit-results');
});
