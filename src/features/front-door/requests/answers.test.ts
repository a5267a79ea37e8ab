// One answer per person asked about, per agency: the form asks about each person, and the MASH
// reads each person's answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../../test/helpers/app.ts';
import { countRows } from '../../../../test/helpers/rows.ts';
import { actorFor } from '../../people/test-support.ts';
import { answerRequest, createRequests, setRag, submitFromApi } from '../service.ts';
import { referralAbout } from '../test-support.ts';

let contactId: string;
let requestId: string;
let child: { id: string; name: string };
let adult: { id: string; name: string };

const t = useApp(async () => {
  const teacher = await actorFor(t.db, t.org.users.teacher!);
  const mash = await actorFor(t.db, t.org.users.mash!);
  const input = referralAbout(
    { givenName: 'Isla', familyName: 'Penrose', dateOfBirth: '2017-03-03' },
    {
      adults: [
        {
          givenName: 'Dean',
          familyName: 'Penrose',
          otherNames: '',
          dateOfBirth: '1987-01-01',
          sex: 'male',
          nhsNumber: null,
          relationship: 'father',
          relationshipDetail: null,
          livesWithChild: true,
        },
      ],
    },
  );
  contactId = (await submitFromApi(t.db, teacher, input)).contactId;
  await setRag(t.db, mash, contactId, 'green');
  await createRequests(t.db, mash, contactId, { agencyIds: [t.org.agencies.police!], question: 'Known?' });
  requestId = (await t.db.query<{ id: string }>(`select id from information_request`))[0]!.id;
  const rows = await t.db.query<{ id: string; name: string }>(
    `select id, given_name || ' ' || family_name as name from contact_subject where contact_id = $1 order by position`,
    [contactId],
  );
  [child, adult] = rows as [typeof child, typeof adult];
});

test('each person asked about gets their own answer; none missing, none twice', async () => {
  const police = await sessionAs(t, 'police');
  const form = await police.get(`/information-requests/${requestId}`);
  assert.equal(form.statusCode, 200);
  for (const s of [child, adult]) {
    assert.match(form.body, new RegExp(`name="holds-${s.id}"`));
    assert.match(form.body, new RegExp(`Does your agency hold information about ${s.name}\\?`));
  }
  // Only the child answered: the summary names the adult, linking to their question.
  const partial = await police.post(`/information-requests/${requestId}`, { [`holds-${child.id}`]: 'no' });
  assert.equal(partial.statusCode, 400);
  assert.match(
    partial.body,
    new RegExp(`href="#holds-${adult.id}">Select whether your agency holds information about ${adult.name}<`),
  );
  // The service refuses two answers about one person and none about another.
  const actor = await actorFor(t.db, t.org.users.police!);
  await assert.rejects(
    answerRequest(t.db, actor, requestId, {
      answers: [
        { subjectId: child.id, holds: false, answer: undefined },
        { subjectId: child.id, holds: false, answer: undefined },
      ],
    }),
    /Answer once about/,
  );
  const ok = await police.post(`/information-requests/${requestId}`, {
    [`holds-${child.id}`]: 'no',
    [`holds-${adult.id}`]: 'yes',
    [`answer-${adult.id}`]: 'Cautioned for affray in 2023.',
  });
  assert.equal(ok.statusCode, 303);
  assert.equal(await countRows(t.db, `information_request_answer where request_id = $1`, [requestId]), 2);
  const hub = await (await sessionAs(t, 'mash')).get(`/mash/contacts/${contactId}`);
  assert.match(hub.body, new RegExp(`<strong>${adult.name}</strong>: Cautioned for affray in 2023.`));
  assert.match(hub.body, new RegExp(`<strong>${child.name}</strong>: holds nothing`));
});
