import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoActor } from '../../demo/organisation.ts';
import { ForbiddenError, ValidationError } from '../../platform/errors.ts';
import { addDays } from '../../platform/calendar.ts';
import { londonToday } from '../../platform/dates.ts';
import { useDb } from '../../../test/helpers/app.ts';
import { auditRows, countRows } from '../../../test/helpers/rows.ts';
import { actionsFrom, addActionIn, allActionsDone, executivePanel, type NewAction } from './service.ts';

const t = useDb();
const bm = () => demoActor(t.org, 'bm');
const SOURCE = '7b0c7a8e-1111-4a4a-9a9a-000000000001';

const action = (over: Partial<NewAction> = {}): NewAction => ({
  sourceKind: 'challenge',
  sourceId: SOURCE,
  sourceLabel: 'Challenge: information sharing with schools',
  sourceHref: `/partnership/scrutiny/challenges/${SOURCE}`,
  title: 'Agree a schools information sharing protocol',
  ownerAgencyId: t.org.agencies.police!,
  dueOn: addDays(londonToday(), 30),
  ...over,
});

async function refusal(input: NewAction): Promise<string[]> {
  const before = await countRows(t.db, 'partnership_action');
  const err = await t.db.transaction((tx) => addActionIn(tx, bm(), input)).catch((e: unknown) => e);
  assert.ok(err instanceof ValidationError, `expected a ValidationError, got ${String(err)}`);
  assert.equal(await countRows(t.db, 'partnership_action'), before, 'nothing written');
  return err.errors.map((e) => e.field);
}

test('an action is added in the caller’s transaction, audited, and shown on its source', async () => {
  const { id } = await t.db.transaction((tx) => addActionIn(tx, bm(), action()));
  const events = await auditRows(t.db, { action: 'action.add', entityId: id });
  assert.equal(events.length, 1);
  const list = await actionsFrom(t.db, bm(), 'challenge', SOURCE);
  assert.deepEqual(
    list.map((a) => [a.id, a.title, a.ownerAgency, a.status, a.rag.text, a.href]),
    [
      [
        id,
        'Agree a schools information sharing protocol',
        'Elmshire Constabulary',
        'open',
        'On track',
        `/partnership/actions/${id}`,
      ],
    ],
  );
  assert.deepEqual(await actionsFrom(t.db, bm(), 'review', SOURCE), [], 'another kind, same id: none');
});

test('a rollback of the caller’s transaction takes the action with it', async () => {
  const source = '7b0c7a8e-1111-4a4a-9a9a-000000000009';
  await t.db
    .transaction(async (tx) => {
      await addActionIn(tx, bm(), action({ sourceId: source }));
      throw new Error('the source failed');
    })
    .catch(() => undefined);
  assert.deepEqual(await actionsFrom(t.db, bm(), 'challenge', source), []);
});

test('refuses an action without an owner agency, a due date, or a title, naming each key', async () => {
  assert.deepEqual(await refusal(action({ ownerAgencyId: '' })), ['ownerAgencyId']);
  assert.deepEqual(await refusal(action({ ownerAgencyId: '00000000-0000-4000-8000-000000000000' })), [
    'ownerAgencyId',
  ]);
  assert.deepEqual(await refusal(action({ dueOn: '' })), ['dueOn']);
  assert.deepEqual(await refusal(action({ dueOn: '2026-02-30' })), ['dueOn']);
  assert.deepEqual(await refusal(action({ title: '  ' })), ['title']);
});

test('the scrutineer never owns an action, and an owner works for the owning agency', async () => {
  const scrutineer = await refusal(
    action({ ownerAgencyId: t.org.agencies.council!, ownerUserId: t.org.users.scrutineer! }),
  );
  assert.deepEqual(scrutineer, ['ownerUserId']);
  const err = await t.db
    .transaction((tx) =>
      addActionIn(
        tx,
        bm(),
        action({ ownerAgencyId: t.org.agencies.council!, ownerUserId: t.org.users.scrutineer! }),
      ),
    )
    .catch((e: ValidationError) => e);
  assert.match((err as ValidationError).errors[0]!.message, /scrutineer cannot own an action/);
  assert.deepEqual(
    await refusal(action({ ownerUserId: t.org.users.sw! })),
    ['ownerUserId'],
    'a council worker for a police action',
  );
  const { id } = await t.db.transaction((tx) =>
    addActionIn(
      tx,
      bm(),
      action({ ownerAgencyId: t.org.agencies.council!, ownerUserId: t.org.users.sw!, sourceId: 'other' }),
    ),
  );
  assert.ok(id);
});

test('allActionsDone: none is not done; open is not; every one done or dropped is', async () => {
  const source = '7b0c7a8e-1111-4a4a-9a9a-000000000002';
  assert.equal(await allActionsDone(t.db, 'review', source), false);
  const { id } = await t.db.transaction((tx) =>
    addActionIn(tx, bm(), action({ sourceKind: 'review', sourceId: source })),
  );
  assert.equal(await allActionsDone(t.db, 'review', source), false);
  await t.db.query(
    `update partnership_action set status = 'done', evidence = 'Protocol signed', completed_on = current_date where id = $1`,
    [id],
  );
  assert.equal(await allActionsDone(t.db, 'review', source), true);
});

test('the executive panel counts overdue actions by agency, with a table behind the chart', async () => {
  await t.db.transaction((tx) =>
    addActionIn(
      tx,
      bm(),
      action({ sourceId: 'late', dueOn: addDays(londonToday(), -20), ownerAgencyId: t.org.agencies.icb! }),
    ),
  );
  const panel = await executivePanel(t.db, bm());
  assert.ok(panel.headlines.includes('1 overdue'));
  assert.deepEqual(panel.chart?.data, [{ label: 'NHS Elmshire Integrated Care Board', value: 1 }]);
  assert.ok(panel.chart?.table.rows.some((r) => r[0] === 'Elmshire Constabulary'));
  await assert.rejects(executivePanel(t.db, demoActor(t.org, 'sw')), ForbiddenError);
});
