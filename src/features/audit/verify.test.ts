import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../test/helpers/app.ts';
import { aboutPerson, audit } from '../../platform/audit.ts';
import { actorAt, insertChild } from './test-helpers.ts';

const t = useApp(async () => {
  const child = await insertChild(t, 'Greenhalgh');
  for (let i = 0; i < 5; i++) await audit(t.db, actorAt(t, 'sw'), aboutPerson(child, 'person.view'));
});

test('the chain check is for the administrator and the DPO only', async () => {
  for (const key of ['sw', 'tm', 'mashmgr', 'scrutineer', 'teacher', 'bm']) {
    const res = await (await sessionAs(t, key)).get('/audit/verify');
    assert.equal(res.statusCode, 403, key);
  }
});

test('an intact chain is reported with its head hash, and the check is audited', async () => {
  for (const key of ['admin', 'dpo']) {
    const res = await (await sessionAs(t, key)).get('/audit/verify');
    assert.equal(res.statusCode, 200, key);
    assert.match(res.body, /The audit trail is intact/);
    assert.match(res.body, /<code class="app-hash">[0-9a-f]{64}<\/code>/);
  }
  const rows = await t.db.query(`select 1 from audit_event where action = 'audit.verify'`);
  assert.equal(rows.length, 2);
});

test('a changed event is reported as the first broken link', async () => {
  const [target] = await t.db.query<{ seq: number }>(
    `select seq from audit_event where action = 'person.view' order by seq limit 1 offset 2`,
  );
  // Only someone able to switch the guard off can change a row; the chain still shows it.
  await t.db.exec('alter table audit_event disable trigger audit_event_no_update');
  await t.db.query(`update audit_event set user_name = 'Someone else' where seq = $1`, [target!.seq]);
  await t.db.exec('alter table audit_event enable trigger audit_event_no_update');
  const res = await (await sessionAs(t, 'admin')).get('/audit/verify');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, new RegExp(`broken at seq ${target!.seq}\\b`));
  assert.match(res.body, /content does not match its hash/);
  assert.ok(!res.body.includes('The audit trail is intact'));
});
