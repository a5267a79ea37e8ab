import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A file of the shared test material beside the repository (../shared/fixtures). */
export function fixture(rel: string): string {
  const candidates = [process.env.TOGETHER_FIXTURES, path.join(root, '../shared/fixtures')].filter(
    Boolean,
  ) as string[];
  for (const dir of candidates) {
    const p = path.join(dir, rel);
    if (fs.existsSync(p)) return p;
  }
  throw new Error(`fixture ${rel} not found: put the shared fixtures beside the repository`);
}
