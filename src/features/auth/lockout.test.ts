// Lockout under parallel sign-in attempts (its own app: the sign-in rate limit counts per address).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, useApp } from '../../../test/helpers/app.ts';

const t = useApp({ LOGIN_MAX_FAILURES: '3' });

test('parallel attempts cannot get past the lockout, and the right password is then refused too', async () => {
  const email = 'business.manager@together.example';
  const id = t.org.users.bm!;
  const c = new Client(t.app);
  await c.get('/sign-in');
  // Twelve wrong passwords at once: no more than LOGIN_MAX_FAILURES (3) of them may be checked.
  const wrong = Array.from({ length: 12 }, (_, i) => c.post('/sign-in', { email, password: `wrong ${i}` }));
  // The right one goes in while they are in flight, once the count is full.
  for (;;) {
    const [row] = await t.db.query<{ n: number }>(
      'select failed_attempts + attempts_in_flight as n from app_user where id = $1',
      [id],
    );
    if (row!.n >= 3) break;
    await new Promise((r) => setTimeout(r, 1));
  }
  const right = await c.post('/sign-in', { email, password: 'together-demo-only' });
  const replies = await Promise.all(wrong);
  assert.equal(right.statusCode, 400);
  assert.match(right.body, /locked/);
  assert.ok(replies.every((r) => r.statusCode === 400));
  const failures = await t.db.query(
    `select 1 from audit_event where entity_id = $1 and action = 'auth.sign_in_failed'`,
    [id],
  );
  assert.equal(failures.length, 3, 'three passwords checked, the rest refused unchecked');
  const [row] = await t.db.query<{ locked: boolean; flying: number }>(
    'select locked_until > now() as locked, attempts_in_flight as flying from app_user where id = $1',
    [id],
  );
  assert.deepEqual(row, { locked: true, flying: 0 });
  // Once the lock has run out, the right password signs in again.
  await t.db.query(`update app_user set locked_until = now() - interval '1 second' where id = $1`, [id]);
  const later = await c.post('/sign-in', { email, password: 'together-demo-only' });
  assert.equal(later.statusCode, 302);
});
