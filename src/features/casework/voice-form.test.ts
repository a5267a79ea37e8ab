// The error summary of a form with the child's voice names only fields the page shows, each link
// finding its input: a bad "how was it gathered" choice names the question, not its first item.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, useApp, type Client } from '../../../test/helpers/app.ts';
import { makeChild, makeReferral } from './test-support.ts';

let sw: Client;
let child: string;

const t = useApp(async () => {
  sw = await signedIn(t.app, 'sw');
  child = await makeChild(t, 'Summer');
  const referral = await makeReferral(t, child, '2025-04-14', 'section_17');
  const res = await sw.post(`/people/${child}/casework/episode/start`, {
    referral,
    referralSource: '6',
    primaryNeed: 'N1',
  });
  assert.equal(res.statusCode, 303);
});

/** The error summary's links, and those with no element of that id on the page. */
function summaryLinks(body: string): { hrefs: string[]; missing: string[] } {
  const list = body.match(/govuk-error-summary__list[\s\S]*?<\/ul>/)?.[0] ?? '';
  const hrefs = [...list.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
  return { hrefs, missing: hrefs.filter((h) => !body.includes(`id="${h}"`)) };
}

const badDate = (prefix: string) => ({
  [`${prefix}-day`]: '40',
  [`${prefix}-month`]: '1',
  [`${prefix}-year`]: '2025',
});

test('the voice forms’ error summaries link only to fields on the page', async () => {
  const cases: [string, Record<string, string | string[]>, string[]][] = [
    [`/people/${child}/voice/new`, {}, ['words', 'gatheredOn-day']],
    [
      `/people/${child}/voice/new`,
      { words: 'Hello', methods: 'bogus', ...badDate('gatheredOn') },
      ['methods'],
    ],
    [
      `/people/${child}/casework/visits/new`,
      {
        'voice-words': 'I like my school.',
        'voice-methods': ['seen_alone', 'bogus'],
        ...badDate('voice-gatheredOn'),
      },
      ['voice-methods', 'visitedOn-day'],
    ],
    [`/people/${child}/casework/visits/new`, { 'voice-methods': 'bogus' }, ['voice-methods']],
  ];
  for (const [url, body, expected] of cases) {
    const res = await sw.post(url, body);
    assert.equal(res.statusCode, 400, url);
    const { hrefs, missing } = summaryLinks(res.body);
    assert.deepEqual(missing, [], `${url}: the summary links to ${JSON.stringify(hrefs)}`);
    for (const e of expected) assert.ok(hrefs.includes(e), `${url}: ${e} in ${JSON.stringify(hrefs)}`);
  }
});
