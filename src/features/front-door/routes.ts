import type { Feature } from '../../platform/deps.ts';
import { dashboardPages } from './mash/dashboard-pages.ts';
import { decisionPages } from './mash/decision-pages.ts';
import { mashPages } from './mash/pages.ts';
import { outboxPages } from './outbox/pages.ts';
import { referralApi } from './referrals/api.ts';
import { referralPeoplePages } from './referrals/people-pages.ts';
import { referralPages } from './referrals/pages.ts';
import { requestPages } from './requests/pages.ts';
import { settingsPages } from './mash/settings-pages.ts';

/**
 * The front door: referrals (pages and /api/v1/referrals), the MASH hub's queue, matching,
 * information requests and decisions, partner agencies' answers, and the notification outbox.
 */
export const frontDoorFeature: Feature = async (app, deps) => {
  await referralPages(app, deps);
  await referralPeoplePages(app, deps);
  await mashPages(app, deps);
  await dashboardPages(app, deps);
  await decisionPages(app, deps);
  await requestPages(app, deps);
  await outboxPages(app, deps);
  await settingsPages(app, deps);
  await referralApi(app);
};
