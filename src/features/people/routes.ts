import type { Feature } from '../../platform/deps.ts';
import { personApi } from './api.ts';
import { personPages } from './pages.ts';
import { partPages } from './parts-pages.ts';

/** The person index: search, records, their parts, break-glass, and /api/v1/people. */
export const peopleFeature: Feature = async (app, deps) => {
  await personPages(app, deps);
  await partPages(app, deps);
  await personApi(app);
};
