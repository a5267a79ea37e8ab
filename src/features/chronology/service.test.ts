import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoActor } from '../../demo/organisation.ts';
import { requirePersonAccess } from '../../platform/access/policy.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { createViews } from '../../platform/views.ts';
import { useDb } from '../../../test/helpers/app.ts';
import { allocate, involve, openContact } from '../../../test/helpers/people.ts';
import { auditRows } from '../../../test/helpers/rows.ts';
import { addEntry, recordSystemEvent, timeline, type EntryInput } from './service.ts';
import { parseEntryForm } from './schemas.ts';
import { countEntries, makeChild } from './test-fixtures.ts';

let child: string;

const entry = (over: Partial<EntryInput> = {}): EntryInput => ({
  occurredOn: '2024-03-01',
  category: 'health',
  significance: 'medium',
  visibility: 'partnership',
  summary: 'Seen by the practice nurse',
  ...over,
});

/** An entry about the child, added as a demo user. */
const addAs = (key: string, over: Partial<EntryInput>) =>
  addEntry(t.db, demoActor(t.org, key), child, entry(over));

async function seenBy(key: string, filters = {}) {
  const actor = demoActor(t.org, key);
  const access = await requirePersonAccess(t.db, actor, child);
  return timeline(t.db, actor, access, filters);
}

const t = useDb(async () => {
  child = await makeChild(t);
  await involve(t, child, 'school1');
  await involve(t, child, 'gp');
  await allocate(t, child, 'sw');
  await openContact(t, child);

  await addAs('gp', { summary: 'GP partnership note', occurredOn: '2024-01-10' });
  await addAs('gp', {
    summary: 'GP only note',
    visibility: 'agency',
    significance: 'low',
    occurredOn: '2024-02-10',
  });
  await addAs('gp', {
    summary: 'Intelligence about the household',
    visibility: 'mash_and_allocated',
    category: 'police_incident',
    significance: 'high',
    occurredOn: '2024-03-10',
  });
  await addAs('teacher', {
    summary: 'Late five days running',
    category: 'school_attendance',
    occurredOn: '2024-03-10',
  });
}, 'x');

test('one timeline across agencies, newest first, recorded as the actor and their agency', async () => {
  const tl = await seenBy('gp');
  assert.deepEqual(
    tl.entries.map((e) => e.summary),
    ['Late five days running', 'Intelligence about the household', 'GP only note', 'GP partnership note'],
  );
  const note = tl.entries.find((e) => e.summary === 'GP partnership note')!;
  assert.equal(note.sourceAgencyId, t.org.agencies.gp);
  assert.equal(note.sourceAgency, 'Millbrook Medical Practice');
  assert.equal(note.recordedBy, 'Dr Sam Patel');
  assert.equal(note.origin, 'agency');
  assert.ok(note.recordedAt instanceof Date);
  assert.equal(tl.total, 4);
});

test("an 'agency' entry is invisible to another agency, and to its exports' agency list", async () => {
  const teacher = await seenBy('teacher');
  assert.ok(!teacher.entries.some((e) => e.summary === 'GP only note'));
  const sw = await seenBy('sw');
  assert.ok(!sw.entries.some((e) => e.summary === 'GP only note'), 'even the allocated worker');
});

test("a 'mash_and_allocated' entry: allocated worker, MASH on an open contact and the recording agency, not a school", async () => {
  const has = (tl: Awaited<ReturnType<typeof seenBy>>) =>
    tl.entries.some((e) => e.summary === 'Intelligence about the household');
  assert.equal(has(await seenBy('sw')), true, 'allocated worker');
  assert.equal(has(await seenBy('mash')), true, 'MASH officer, open contact');
  assert.equal(has(await seenBy('gp')), true, 'the recording agency');
  assert.equal(has(await seenBy('teacher')), false, 'school');
  assert.equal(has(await seenBy('scrutineer')), false, 'scrutiny reads partnership entries only');
});

test('filters by agency, category and significance; the agency list holds only agencies with visible entries', async () => {
  const teacher = await seenBy('teacher');
  assert.deepEqual(
    teacher.agencies.map((a) => a.name),
    ['Kingsmead Primary School', 'Millbrook Medical Practice'],
  );
  const byAgency = await seenBy('sw', { agencyId: t.org.agencies.school1 });
  assert.deepEqual(
    byAgency.entries.map((e) => e.summary),
    ['Late five days running'],
  );
  assert.equal(byAgency.query, `agency=${t.org.agencies.school1}`);
  const byCategory = await seenBy('sw', { category: 'police_incident' });
  assert.deepEqual(
    byCategory.entries.map((e) => e.summary),
    ['Intelligence about the household'],
  );
  const bySig = await seenBy('gp', { significance: 'low' });
  assert.deepEqual(
    bySig.entries.map((e) => e.summary),
    ['GP only note'],
  );
  // Unknown values are dropped, not passed to SQL.
  const junk = await seenBy('gp', { agencyId: 'not-a-uuid', category: 'nonsense' });
  assert.equal(junk.total, 4);
  assert.deepEqual(junk.filters, {});
});

test('adding needs access to the record and the chronology.add permission', async () => {
  const other = await makeChild(t, 'Noah', 'Fenwick');
  await assert.rejects(addEntry(t.db, demoActor(t.org, 'teacher'), other, entry()), ForbiddenError);
  await assert.rejects(addEntry(t.db, demoActor(t.org, 'scrutineer'), child, entry()), ForbiddenError);
  await assert.rejects(addEntry(t.db, demoActor(t.org, 'admin'), child, entry()), NotFoundError);
  await assert.rejects(addEntry(t.db, demoActor(t.org, 'gp'), 'not-a-uuid', entry()), NotFoundError);
  assert.equal(await countEntries(t, other), 0);
});

test('the service refuses bad input even when called directly', async () => {
  const before = await countEntries(t, child);
  const gp = demoActor(t.org, 'gp');
  await assert.rejects(addEntry(t.db, gp, child, entry({ occurredOn: '2024-02-31' })), ValidationError);
  await assert.rejects(addEntry(t.db, gp, child, entry({ occurredOn: '2999-01-01' })), ValidationError);
  await assert.rejects(addEntry(t.db, gp, child, entry({ occurredOn: '1899-12-31' })), ValidationError);
  await assert.rejects(addEntry(t.db, gp, child, entry({ category: 'gossip' as never })), ValidationError);
  await assert.rejects(addEntry(t.db, gp, child, entry({ summary: 'x'.repeat(201) })), ValidationError);
  await assert.rejects(addEntry(t.db, gp, child, entry({ detail: 'x'.repeat(10_001) })), ValidationError);
  await assert.rejects(addEntry(t.db, gp, child, entry({ summary: 'nul \u0000 byte' })), ValidationError);
  assert.equal(await countEntries(t, child), before);
});

test('the form parser names each field and rejects impossible and future dates', () => {
  const form = {
    'occurredOn-day': '31',
    'occurredOn-month': '2',
    'occurredOn-year': '2024',
    category: 'gossip',
    summary: '',
    significance: 'huge',
  };
  const err = (() => {
    try {
      parseEntryForm(form);
    } catch (e) {
      return e as ValidationError;
    }
  })();
  assert.ok(err instanceof ValidationError);
  assert.deepEqual(
    err.errors.map((e) => e.field),
    ['occurredOn-day', 'category', 'summary', 'significance', 'visibility'],
  );
  assert.match(err.errors[0]!.message, /real date/);
  assert.throws(
    () =>
      parseEntryForm(
        {
          ...form,
          'occurredOn-day': '2',
          category: 'health',
          summary: 'x',
          significance: 'low',
          visibility: 'agency',
        },
        '2024-02-01',
      ),
    (e: ValidationError) =>
      e.errors[0]?.field === 'occurredOn-day' && /today or in the past/.test(e.errors[0].message),
  );
  const ok = parseEntryForm(
    {
      ...form,
      'occurredOn-day': '29',
      summary: ' <b>x</b> ',
      category: 'injury',
      significance: 'high',
      visibility: 'agency',
    },
    '2024-03-01',
  );
  assert.deepEqual(ok, {
    occurredOn: '2024-02-29',
    category: 'injury',
    significance: 'high',
    visibility: 'agency',
    summary: '<b>x</b>',
  });
});

test('the entry and its audit event commit together: nothing half-written when the audit fails', async () => {
  const before = await countEntries(t, child);
  // PostgreSQL refuses NUL in text, so this actor's audit row fails after the entry's insert.
  const broken = { ...demoActor(t.org, 'gp'), name: 'broken\u0000name' };
  await assert.rejects(addEntry(t.db, broken, child, entry({ summary: 'Must not survive' })));
  assert.equal(await countEntries(t, child), before);
});

test('every addition is audited with what was added, and system events are too', async () => {
  const other = await makeChild(t, 'Ava', 'Lund');
  await involve(t, other, 'gp');
  const added = await addEntry(t.db, demoActor(t.org, 'gp'), other, entry({ visibility: 'agency' }));
  await t.db.transaction(async (tx) => {
    await recordSystemEvent(tx, demoActor(t.org, 'gp'), other, {
      category: 'referral',
      summary: `Referral received ${'y'.repeat(300)}`,
    });
  });
  const events = await auditRows(t.db, { personId: other });
  assert.deepEqual(
    events.map((e) => e.action),
    ['chronology.add', 'chronology.add'],
  );
  assert.equal(events[0]!.detail.visibility, 'agency');
  assert.equal(events[1]!.detail.origin, 'system');
  const tl = await requirePersonAccess(t.db, demoActor(t.org, 'gp'), other).then((a) =>
    timeline(t.db, demoActor(t.org, 'gp'), a),
  );
  const sys = tl.entries.find((e) => e.origin === 'system')!;
  assert.equal(sys.category, 'referral');
  assert.equal(sys.summary.length, 200, 'clipped to the summary limit');
  assert.ok(tl.entries.some((e) => e.id === added.id));
});

test('a system event inside a transaction that fails leaves nothing behind', async () => {
  const before = await countEntries(t, child);
  await assert.rejects(
    t.db.transaction(async (tx) => {
      await recordSystemEvent(tx, demoActor(t.org, 'sw'), child, {
        category: 'assessment',
        summary: 'Started',
      });
      throw new Error('the calling feature failed');
    }),
  );
  assert.equal(await countEntries(t, child), before);
  await assert.rejects(
    t.db.transaction((tx) =>
      recordSystemEvent(tx, demoActor(t.org, 'sw'), child, { category: 'bogus' as never, summary: 'x' }),
    ),
  );
});

test('the timeline partial shows entries escaped, with filters and export links that keep them', async () => {
  await addAs('teacher', {
    summary: '<script>alert("x")</script>',
    detail: `Line one\n${'long '.repeat(80)}`,
    significance: 'high',
  });
  const tl = await seenBy('teacher', { significance: 'high' });
  const html = createViews().render('chronology/views/_timeline.njk', {
    timeline: tl,
    filters: tl.filters,
    person: { id: child, givenName: 'Ellie', familyName: 'Marsh' },
    can: () => true,
  });
  assert.ok(!html.includes('<script>alert'), 'no live script');
  assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
  assert.match(html, /<details class="govuk-details/);
  assert.match(html, /govuk-tag--red">High</);
  assert.match(html, /<option value="high" selected>High<\/option>/);
  assert.match(html, new RegExp(`href="/people/${child}/chronology.csv\\?significance=high"`));
  assert.match(html, new RegExp(`href="/people/${child}/chronology.pdf\\?significance=high"`));
  assert.match(html, />Apply filters</);
  assert.match(html, new RegExp(`href="/people/${child}#chronology">Clear filters`));
  assert.match(html, new RegExp(`href="/people/${child}/chronology/new"`));
  assert.ok(!html.includes('GP only note'));
});
