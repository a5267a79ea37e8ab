// The executive's page: each area's panel (headlines, a chart drawn as SVG with its table, a link).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../test/helpers/app.ts';
import { insertPerson, involve } from '../../../test/helpers/people.ts';
import { auditCount } from '../../../test/helpers/rows.ts';
import { demoActor } from '../../demo/organisation.ts';
import { raiseEscalation } from '../escalations/service.ts';
import { executivePage } from './service.ts';

const t = useApp(async () => {
  const child = await insertPerson(t, { given: 'Rey', family: 'Oakhurst', dob: '2017-07-07' });
  await involve(t, child, 'school1');
  await raiseEscalation(t.db, demoActor(t.org, 'teacher'), {
    personId: child,
    otherAgencyId: t.org.agencies.police!,
    disagreement: 'No strategy discussion was held.',
    tried: 'Emailed the police MASH desk.',
  });
});

test('the page shows every area’s panel in the list’s order, each chart with its table and a link', async () => {
  const bm = await sessionAs(t, 'bm');
  const res = await bm.get('/partnership/executive');
  assert.equal(res.statusCode, 200);
  const body = res.body;
  // The accountability picture of the issue: challenges, actions, audit grades, section 11 ratings,
  // training reach, escalations and the child's voice, in the order of PANELS.
  const headings = [
    'Independent scrutiny',
    'Actions',
    'Case audits',
    'Section 11 self-assessments',
    'Training',
    'Escalations',
    'The child’s voice',
  ].map((h) => body.indexOf(`>${h}</h2>`));
  assert.ok(
    headings.every((at, i) => at > 0 && (i === 0 || at > headings[i - 1]!)),
    `panels in order: ${headings.join(', ')}`,
  );
  assert.match(body, /1 open escalation</);
  // Every drawing is an image with a name, and has the table behind it.
  const drawings = body.match(/<svg role="img"/g)?.length ?? 0;
  assert.ok(drawings >= 2, `${drawings} charts`);
  assert.equal(body.match(/Show the figures: /g)?.length, drawings);
  assert.match(body, /<caption[^>]*>\s*Escalations by agency/);
  assert.match(body, /Elmshire Constabulary/);
  assert.match(body, /href="\/escalations\/data"/);
  assert.doesNotMatch(body, /Oakhurst/, 'no child’s name on the executive’s page');
  assert.ok((await auditCount(t.db, { action: 'executive.viewed' })) >= 1);
});

test('the page takes any list of panels, in order; refused without assurance.read', async () => {
  const panel = (title: string) => async () => ({
    title,
    href: '/escalations',
    headlines: [`${title} figure`],
  });
  const shown = await executivePage(t.db, demoActor(t.org, 'scrutineer'), [panel('B'), panel('A')]);
  assert.deepEqual(
    shown.map((p) => p.title),
    ['B', 'A'],
  );
  await assert.rejects(executivePage(t.db, demoActor(t.org, 'teacher')), { status: 403 });
  assert.equal((await (await sessionAs(t, 'sw')).get('/partnership/executive')).statusCode, 403);
});
