import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../test/helpers/app.ts';
import { auditRows, countRows } from '../../../test/helpers/rows.ts';

let draft: string;
const t = useApp();

const idFrom = (location: unknown) => /arrangements\/([0-9a-f-]{36})/.exec(String(location))![1]!;
const text = {
  title: 'Local safeguarding arrangements',
  body: 'The three partners share the duty.\n\nSchools take part.',
};

test('the business manager starts a version and edits the draft; bad input refused; only one draft', async () => {
  const bm = await sessionAs(t, 'bm');
  const started = await bm.post('/partnership/arrangements/new', {});
  assert.equal(started.statusCode, 303);
  draft = idFrom(started.headers.location);
  const empty = await bm.post(`/partnership/arrangements/${draft}/edit`, { title: '', body: '' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /Enter the title/);
  assert.match(empty.body, /Enter the text of the arrangements/);
  assert.equal((await bm.post(`/partnership/arrangements/${draft}/edit`, text)).statusCode, 303);
  assert.equal((await bm.post('/partnership/arrangements/new', {})).statusCode, 409, 'one draft at a time');
  for (const key of ['leadpolice', 'scrutineer']) {
    const c = await sessionAs(t, key);
    assert.equal((await c.post(`/partnership/arrangements/${draft}/edit`, text)).statusCode, 403, key);
    assert.equal((await c.post('/partnership/arrangements/new', {})).statusCode, 403, key);
  }
});

test('only statutory partners’ leads sign; editing withdraws sign-offs; three signatures publish', async () => {
  const school = await sessionAs(t, 'leadschool');
  assert.doesNotMatch((await school.get(`/partnership/arrangements/${draft}`)).body, /Sign off for/);
  assert.equal((await school.post(`/partnership/arrangements/${draft}/sign-off`, {})).statusCode, 403);
  const bm = await sessionAs(t, 'bm');
  assert.equal((await bm.post(`/partnership/arrangements/${draft}/sign-off`, {})).statusCode, 403);
  const scrutineer = await sessionAs(t, 'scrutineer');
  assert.equal((await scrutineer.post(`/partnership/arrangements/${draft}/sign-off`, {})).statusCode, 403);

  const council = await sessionAs(t, 'leadcouncil');
  assert.match(
    (await council.get(`/partnership/arrangements/${draft}`)).body,
    /Sign off for Elmshire County Council/,
  );
  assert.equal((await council.post(`/partnership/arrangements/${draft}/sign-off`, {})).statusCode, 303);
  assert.equal(
    (await council.post(`/partnership/arrangements/${draft}/sign-off`, {})).statusCode,
    409,
    'twice',
  );
  assert.equal(
    (await bm.post(`/partnership/arrangements/${draft}/edit`, { ...text, title: 'Changed' })).statusCode,
    303,
  );
  assert.equal(await countRows(t.db, 'arrangements_signoff where version_id = $1', [draft]), 0, 'withdrawn');

  for (const key of ['leadcouncil', 'leadpolice']) {
    const c = await sessionAs(t, key);
    const res = await c.post(`/partnership/arrangements/${draft}/sign-off`, {});
    assert.equal(res.headers.location, `/partnership/arrangements/${draft}?done=signed`, key);
  }
  const icb = await sessionAs(t, 'leadicb');
  const last = await icb.post(`/partnership/arrangements/${draft}/sign-off`, {});
  assert.equal(last.headers.location, `/partnership/arrangements/${draft}?done=published`);
  const page = await icb.get(`/partnership/arrangements/${draft}?done=published`);
  assert.match(page.body, /this version is published/);
  assert.doesNotMatch(page.body, /Sign off for/);
  assert.equal((await auditRows(t.db, { action: 'arrangements.sign_off', entityId: draft })).length, 4);
});

test('a published version is never edited: 409 with the reason, nothing changed; a change is a new version', async () => {
  const bm = await sessionAs(t, 'bm');
  const edit = await bm.get(`/partnership/arrangements/${draft}/edit`);
  assert.equal(edit.statusCode, 409);
  assert.match(edit.body, /cannot be changed\. Start a new version/);
  const post = await bm.post(`/partnership/arrangements/${draft}/edit`, { title: 'Sneaky', body: 'x' });
  assert.equal(post.statusCode, 409);
  const [row] = await t.db.query<{ title: string }>('select title from arrangements_version where id = $1', [
    draft,
  ]);
  assert.equal(row!.title, 'Changed');
  await assert.rejects(
    t.db.query(`update arrangements_version set body = 'x' where id = $1`, [draft]),
    /published/,
  );
  const late = await (
    await sessionAs(t, 'leadcouncil')
  ).post(`/partnership/arrangements/${draft}/sign-off`, {});
  assert.equal(late.statusCode, 409);
  const next = await bm.post('/partnership/arrangements/new', {});
  assert.equal(next.statusCode, 303);
  const page = await bm.get(next.headers.location as string);
  assert.match(page.body, /version 2/);
  assert.match(page.body, /Changed/, 'the new version starts from the published text');
});
