import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

/** A file of the public test material kept in the repository (test/fixtures, see its SOURCES.md). */
export function fixture(rel: string): string {
  const p = path.join(dir, rel);
  if (!fs.existsSync(p)) throw new Error(`test fixture ${rel} is missing from test/fixtures`);
  return p;
}

/** A fixture's text. */
export const fixtureText = (rel: string): string => fs.readFileSync(fixture(rel), 'utf8');

/** A CSV fixture's data lines (its header left out), unsplit. */
export function fixtureLines(rel: string): string[] {
  return fixtureText(rel).trim().split('\n').slice(1);
}
