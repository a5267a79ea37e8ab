// columns.ts holds the Annex A schema's column_map (test/fixtures/annex-a/Annex_A_schema.yml) for
// lists 1-7: the same names in the same order, read here from the YAML's indentation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ANNEX_A_LISTS } from './columns.ts';

/** The column names of each list: keys at eight spaces under a `    list_n:` key. */
function schemaColumns(): Map<number, string[]> {
  const lists = new Map<number, string[]>();
  let current: string[] | undefined;
  for (const line of fs.readFileSync('test/fixtures/annex-a/Annex_A_schema.yml', 'utf8').split(/\r?\n/)) {
    const list = /^ {4}list_(\d+):\s*$/.exec(line);
    if (list) lists.set(Number(list[1]), (current = []));
    const column = /^ {8}([^\s-][^:]*|"[^"]*"):(?:\s|$)/.exec(line);
    if (column && current) current.push(column[1]!.replace(/^"|"$/g, ''));
  }
  return lists;
}

test('lists 1-7 have the schema’s columns, in its order', () => {
  const schema = schemaColumns();
  assert.equal(schema.size, 11);
  for (const list of ANNEX_A_LISTS)
    assert.deepEqual(
      list.columns.map((c) => c.name),
      schema.get(list.number),
      `list ${list.number}`,
    );
});
