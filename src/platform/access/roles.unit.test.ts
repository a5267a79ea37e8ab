// The role table in the code and the one in docs/access.md must say the same thing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOC_RELATIONSHIPS, readAccessDoc } from '../../../test/helpers/access-doc.ts';
import { can, RECORD_PARTS, RELATIONSHIPS, ROLE_RELATIONSHIPS, ROLES, type RecordPart } from './roles.ts';

const doc = readAccessDoc();

test('docs/access.md has a row for every role and no other', () => {
  assert.deepEqual([...doc.roles.keys()].sort(), [...ROLES].sort());
});

test('each role reads the parts, holds API tokens and uses the relationships the document says', () => {
  for (const role of ROLES) {
    const row = doc.roles.get(role)!;
    for (const part of Object.keys(RECORD_PARTS) as RecordPart[]) {
      assert.equal(can([role], RECORD_PARTS[part]), row.parts.has(part), `${role} reads ${part}`);
    }
    assert.equal(can([role], 'api.use'), row.api, `${role} holds API tokens`);
    const named = DOC_RELATIONSHIPS.filter((_, i) => ROLE_RELATIONSHIPS[role].includes(RELATIONSHIPS[i]!));
    assert.deepEqual(named, [...row.relationships], `${role}'s relationships`);
  }
});
