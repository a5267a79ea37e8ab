import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from './logger.ts';

test('request logs keep the path but not the query (searches hold names), and credentials are redacted', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const log = createLogger('info', sink);
  log.info(
    { req: { id: 'r1', method: 'GET', url: '/people?name=Zara+Quill&dob-year=2015', headers: {} } },
    'incoming',
  );
  log.info({ headers: { cookie: 'together_session=secret', authorization: 'Bearer t0k3n' } }, 'headers');
  log.info({ user: { email: 'someone@example.org', password: 'hunter2hunter2' } }, 'nested');
  const out = lines.join('');
  assert.match(out, /"path":"\/people"/);
  for (const secret of ['Zara', 'Quill', 'secret', 't0k3n', 'someone@example.org', 'hunter2']) {
    assert.ok(!out.includes(secret), `${secret} must not be logged`);
  }
});
