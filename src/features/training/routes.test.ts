import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays } from '../../platform/calendar.ts';
import { londonToday } from '../../platform/dates.ts';
import { apiToken, sessionAs, useApp } from '../../../test/helpers/app.ts';
import { auditCount, countRows } from '../../../test/helpers/rows.ts';
import { makeCourse, makeSession, moveSession } from './test-support.ts';

let course: string;
let session: string;
const today = londonToday();
const t = useApp(async () => {
  course = await makeCourse(t, 'Working together: the basics');
  session = await makeSession(t, course, addDays(today, 14), 1);
});

test('the catalogue opens for those who book training and the partnership’s readers, no one else', async () => {
  for (const key of ['sw', 'teacher', 'bm', 'scrutineer']) {
    const res = await (await sessionAs(t, key)).get('/training');
    assert.equal(res.statusCode, 200, key);
    assert.match(res.body, /Working together: the basics/);
    assert.match(res.body, /href="\/training"/, `${key} has the Training navigation item`);
  }
  for (const key of ['public', 'dpo', 'admin']) {
    const res = await (await sessionAs(t, key)).get('/training');
    assert.equal(res.statusCode, 403, key);
    assert.doesNotMatch(res.body, /Working together/);
  }
  const sw = await (await sessionAs(t, 'sw')).get('/training');
  assert.doesNotMatch(sw.body, /Add a course/);
  const bm = await (await sessionAs(t, 'bm')).get('/training');
  assert.match(bm.body, /Add a course/);
});

test('adding a course: bad input re-rendered with the error summary, nothing written; then added', async () => {
  const bm = await sessionAs(t, 'bm');
  await bm.get('/training/courses/new');
  const bad = await bm.post('/training/courses/new', { title: '  ', level: 'advanced' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /govuk-error-summary/);
  assert.match(bad.body, /href="#title"/);
  assert.match(bad.body, /href="#level"/);
  assert.equal(await countRows(t.db, 'training_course'), 1);
  const ok = await bm.post('/training/courses/new', {
    title: 'Domestic abuse and children',
    level: 'specialist',
    audienceRoles: ['social_worker', 'partner_practitioner'],
  });
  assert.equal(ok.statusCode, 303);
  const page = await bm.get(ok.headers.location as string);
  assert.match(page.body, /Domestic abuse and children/);
  assert.match(page.body, /Partner agency practitioner/);

  const sw = await sessionAs(t, 'sw');
  assert.equal((await sw.get('/training/courses/new')).statusCode, 403);
  await sw.get('/training');
  assert.equal((await sw.post('/training/courses/new', { title: 'X', level: 'specialist' })).statusCode, 403);
});

test('a session’s form refuses a venue-less session in person; the expected numbers form keeps each agency', async () => {
  const bm = await sessionAs(t, 'bm');
  await bm.get(`/training/courses/${course}/sessions/new`);
  const bad = await bm.post(`/training/courses/${course}/sessions/new`, {
    'heldOn-day': '1',
    'heldOn-month': '13',
    'heldOn-year': '2030',
    startsAt: '9',
    online: 'no',
    capacity: '0',
    trainer: '',
  });
  assert.equal(bad.statusCode, 400);
  for (const f of ['heldOn-day', 'startsAt', 'capacity', 'trainer'])
    assert.match(bad.body, new RegExp(`href="#${f}"`), f);
  const noVenue = await bm.post(`/training/courses/${course}/sessions/new`, {
    'heldOn-day': '1',
    'heldOn-month': '12',
    'heldOn-year': '2030',
    startsAt: '09:30',
    online: 'no',
    capacity: '0',
    trainer: 'Sam',
  });
  assert.equal(noVenue.statusCode, 400);
  assert.match(noVenue.body, /href="#venue"/);
  assert.match(noVenue.body, /href="#capacity"/);
  assert.equal(await countRows(t.db, 'training_session'), 1);
  await bm.get(`/training/courses/${course}/expected`);
  const badNumbers = await bm.post(`/training/courses/${course}/expected`, {
    year: '2026',
    'numbers-0-agencyId': t.org.agencies.police!,
    'numbers-0-expected': 'ten',
  });
  assert.equal(badNumbers.statusCode, 400);
  assert.match(badNumbers.body, /href="#numbers-0-expected"/);
  const ok = await bm.post(`/training/courses/${course}/expected`, {
    year: String(today.slice(0, 4)),
    'numbers-0-agencyId': t.org.agencies.police!,
    'numbers-0-expected': '12',
    'numbers-1-agencyId': t.org.agencies.council!,
    'numbers-1-expected': '',
  });
  assert.equal(ok.statusCode, 303);
  assert.equal(await countRows(t.db, 'training_expectation where course_id = $1', [course]), 1);
  assert.equal(
    (await (await sessionAs(t, 'sw')).get(`/training/courses/${course}/expected`)).statusCode,
    403,
  );
});

test('booking on the page: a full session is refused with the error summary (409)', async () => {
  const sw = await sessionAs(t, 'sw');
  const page = await sw.get(`/training/sessions/${session}`);
  assert.match(page.body, /Book a place/);
  const booked = await sw.post(`/training/sessions/${session}/book`, {});
  assert.equal(booked.statusCode, 303);
  const teacher = await sessionAs(t, 'teacher');
  await teacher.get(`/training/sessions/${session}`);
  const full = await teacher.post(`/training/sessions/${session}/book`, {});
  assert.equal(full.statusCode, 409);
  assert.match(full.body, /govuk-error-summary/);
  assert.match(full.body, /This session is full/);
  const mine = await sw.get('/training/mine');
  assert.match(mine.body, /Working together: the basics/);
  assert.match(mine.body, /Cancel your place/);
  assert.equal((await (await sessionAs(t, 'bm')).get('/training/mine')).statusCode, 403);
});

test('attendance form on the page, then evaluation from “Your training”', async () => {
  const s2 = await makeSession(t, course, addDays(today, 1));
  const hv = await sessionAs(t, 'hv');
  await hv.get(`/training/sessions/${s2}`);
  assert.equal((await hv.post(`/training/sessions/${s2}/book`, {})).statusCode, 303);
  await moveSession(t.db, s2, addDays(today, -1));
  const bm = await sessionAs(t, 'bm');
  const page = await bm.get(`/training/sessions/${s2}`);
  assert.match(page.body, /Record attendance/);
  const [{ id } = { id: '' }] = await t.db.query<{ id: string }>(
    'select id from training_booking where session_id = $1',
    [s2],
  );
  const bad = await bm.post(`/training/sessions/${s2}/attendance`, { 'marks-0-bookingId': id });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#marks-0-attendance"/);
  const ok = await bm.post(`/training/sessions/${s2}/attendance`, {
    'marks-0-bookingId': id,
    'marks-0-attendance': 'attended',
  });
  assert.equal(ok.statusCode, 303);
  const mine = await hv.get('/training/mine');
  assert.match(mine.body, new RegExp(`/training/bookings/${id}/evaluation`));
  assert.equal((await hv.get(`/training/bookings/${id}/follow-up`)).statusCode, 409);
  assert.equal((await (await sessionAs(t, 'sw')).get(`/training/bookings/${id}/evaluation`)).statusCode, 404);
  await hv.get(`/training/bookings/${id}/evaluation`);
  const badEval = await hv.post(`/training/bookings/${id}/evaluation`, { confidenceBefore: '2' });
  assert.equal(badEval.statusCode, 400);
  assert.match(badEval.body, /href="#confidenceAfter"/);
  const evaluated = await hv.post(`/training/bookings/${id}/evaluation`, {
    confidenceBefore: '2',
    confidenceAfter: '4',
  });
  assert.equal(evaluated.statusCode, 303);
  assert.equal(await countRows(t.db, 'training_evaluation where booking_id = $1', [id]), 1);
});

test('the training data page for the partnership’s readers only', async () => {
  for (const key of ['bm', 'scrutineer']) {
    const res = await (await sessionAs(t, key)).get('/training/data');
    assert.equal(res.statusCode, 200, key);
    assert.match(res.body, /Reach by agency/);
    assert.match(res.body, /Elmshire Constabulary/);
  }
  assert.equal((await (await sessionAs(t, 'sw')).get('/training/data')).statusCode, 403);
});

test('the API: courses, a booking and its refusals as problem documents, the evaluation step', async () => {
  const token = await apiToken(t, 'police');
  const call = (method: 'GET' | 'POST', url: string, body?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      payload: body ? JSON.stringify(body) : undefined,
    });
  const list = await call('GET', '/api/v1/training/courses');
  assert.equal(list.statusCode, 200);
  assert.ok(list.json().courses.some((c: { id: string }) => c.id === course));
  const one = await call('GET', `/api/v1/training/courses/${course}`);
  assert.equal(one.statusCode, 200);
  assert.equal(one.json().expected, undefined, 'expected numbers are the business manager’s');
  assert.equal(
    (await call('GET', '/api/v1/training/courses/00000000-0000-4000-8000-000000000000')).statusCode,
    404,
  );

  const full = await call('POST', `/api/v1/training/sessions/${session}/bookings`);
  assert.equal(full.statusCode, 409);
  assert.equal(full.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.match(full.json().detail, /full/);
  const open = await makeSession(t, course, addDays(today, 3));
  const booked = await call('POST', `/api/v1/training/sessions/${open}/bookings`);
  assert.equal(booked.statusCode, 201);
  const again = await call('POST', `/api/v1/training/sessions/${open}/bookings`);
  assert.equal(again.statusCode, 409);
  const bookingId = booked.json().id;
  const early = await call('POST', `/api/v1/training/bookings/${bookingId}/evaluation`, {
    confidenceBefore: 1,
    confidenceAfter: 3,
  });
  assert.equal(early.statusCode, 409, 'not attended yet');
  const bad = await call('POST', `/api/v1/training/bookings/${bookingId}/evaluation`, {
    confidenceBefore: 9,
  });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(
    bad
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort(),
    ['confidenceAfter', 'confidenceBefore'],
  );
  const bm = await apiToken(t, 'bm');
  const refused = await t.app.inject({
    method: 'POST',
    url: `/api/v1/training/sessions/${open}/bookings`,
    headers: { authorization: `Bearer ${bm}` },
  });
  assert.equal(refused.statusCode, 403);
});

test('the training calls are described in the OpenAPI document, and reads are audited', async () => {
  const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
  for (const p of [
    '/api/v1/training/courses',
    '/api/v1/training/courses/{id}',
    '/api/v1/training/sessions/{id}/bookings',
    '/api/v1/training/bookings/{id}/evaluation',
    '/api/v1/training/bookings/{id}/follow-up',
  ])
    assert.ok(doc.paths[p], p);
  const before = await auditCount(t.db, {
    action: 'training.catalogue_read',
    userId: t.org.users.scrutineer,
  });
  await (await sessionAs(t, 'scrutineer')).get('/training');
  assert.equal(
    await auditCount(t.db, { action: 'training.catalogue_read', userId: t.org.users.scrutineer }),
    before + 1,
  );
});
