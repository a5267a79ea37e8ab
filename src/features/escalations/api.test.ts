// /api/v1/escalations: the pages' rules and access through tokens, with problem documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiToken, useApp } from '../../../test/helpers/app.ts';
import { allocate, insertPerson, involve } from '../../../test/helpers/people.ts';
import { countRows } from '../../../test/helpers/rows.ts';

let child = '';
let stranger = '';
const tokens: Record<string, string> = {};
const t = useApp(async () => {
  child = await insertPerson(t, { given: 'Ivy', family: 'Marchbank', dob: '2014-06-01' });
  await involve(t, child, 'school1');
  await allocate(t, child, 'sw');
  stranger = await insertPerson(t, { given: 'Otto', family: 'Farrowdale', dob: '2013-02-03' });
  for (const k of ['teacher', 'sw', 'gp', 'bm', 'scrutineer']) tokens[k] = await apiToken(t, k);
});

async function call(key: string, method: 'GET' | 'POST', url: string, body?: unknown) {
  const res = await t.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${tokens[key]}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    payload: body ? JSON.stringify(body) : undefined,
  });
  return {
    status: res.statusCode,
    json: res.body ? res.json() : undefined,
    body: res.body,
    type: res.headers['content-type'],
  };
}
const fields = (json: { errors?: { field: string }[] }) => (json.errors ?? []).map((e) => e.field).sort();
const raiseBody = () => ({
  personId: child,
  otherAgencyId: t.org.agencies.council,
  disagreement: 'Threshold for a child in need assessment.',
  tried: 'A call with the duty manager.',
});

test('raise, read, move, resolve through the API; the child named only to record readers', async () => {
  const created = await call('teacher', 'POST', '/api/v1/escalations', raiseBody());
  assert.equal(created.status, 201, created.body);
  const id = created.json.id as string;
  assert.match(created.json.reference, /^E-\d{4}$/);

  const asTeacher = await call('teacher', 'GET', `/api/v1/escalations/${id}`);
  assert.equal(asTeacher.status, 200);
  assert.deepEqual(asTeacher.json.child, { id: child, name: 'Ivy Marchbank' });
  assert.equal(asTeacher.json.stage, 'practitioners');
  assert.equal(asTeacher.json.steps.length, 1);

  const asBm = await call('bm', 'GET', '/api/v1/escalations');
  const listed = asBm.json.open.find((e: { id: string }) => e.id === id);
  assert.ok(listed, 'the business manager sees every escalation');
  assert.equal(listed.child, null);
  assert.doesNotMatch(asBm.body, /Marchbank/);

  assert.equal((await call('gp', 'GET', `/api/v1/escalations/${id}`)).status, 404);
  assert.equal((await call('bm', 'POST', `/api/v1/escalations/${id}/stage`, { reason: 'x' })).status, 403);

  const moved = await call('sw', 'POST', `/api/v1/escalations/${id}/stage`, {
    reason: 'Managers to decide.',
  });
  assert.equal(moved.status, 200, moved.body);
  assert.equal(moved.json.stage, 'managers');

  const noAction = await call('sw', 'POST', `/api/v1/escalations/${id}/resolution`, {
    outcome: 'agreed',
    learning: 'Talk sooner.',
    addAction: true,
  });
  assert.equal(noAction.status, 400);
  assert.match(String(noAction.type), /problem\+json/);
  assert.deepEqual(fields(noAction.json), ['dueOn', 'ownerAgencyId', 'title']);

  const resolved = await call('sw', 'POST', `/api/v1/escalations/${id}/resolution`, {
    outcome: 'other_view_accepted',
    learning: 'Talk sooner.',
    addAction: false,
  });
  assert.equal(resolved.status, 200, resolved.body);

  const again = await call('teacher', 'POST', `/api/v1/escalations/${id}/stage`, { reason: 'More.' });
  assert.equal(again.status, 409);
  assert.match(String(again.type), /problem\+json/);
  assert.match(again.json.detail ?? again.body, /resolved/);
});

test('bad input: 400 problem documents naming each field; nothing written', async () => {
  const before = await countRows(t.db, 'escalation');
  const empty = await call('teacher', 'POST', '/api/v1/escalations', {});
  assert.equal(empty.status, 400);
  assert.deepEqual(fields(empty.json), ['disagreement', 'otherAgencyId', 'personId', 'tried']);
  const own = await call('teacher', 'POST', '/api/v1/escalations', {
    ...raiseBody(),
    otherAgencyId: t.org.agencies.school1,
  });
  assert.equal(own.status, 400);
  assert.deepEqual(fields(own.json), ['otherAgencyId']);
  const tooLong = await call('teacher', 'POST', '/api/v1/escalations', {
    ...raiseBody(),
    tried: 'x'.repeat(5001),
  });
  assert.equal(tooLong.status, 400);
  assert.deepEqual(fields(tooLong.json), ['tried']);
  assert.equal(await countRows(t.db, 'escalation'), before);
});

test('a child the caller may not read: refused without the child’s details', async () => {
  const res = await call('teacher', 'POST', '/api/v1/escalations', { ...raiseBody(), personId: stranger });
  assert.ok([403, 404].includes(res.status), String(res.status));
  assert.doesNotMatch(res.body, /Otto|Farrowdale|2013/);
  const bad = await call('teacher', 'POST', '/api/v1/escalations', {
    ...raiseBody(),
    personId: stranger,
    tried: '',
  });
  assert.doesNotMatch(bad.body, /Otto|Farrowdale|2013/);
  assert.equal(await countRows(t.db, `escalation where person_id = '${stranger}'`), 0);
});
