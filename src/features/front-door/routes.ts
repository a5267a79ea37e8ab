import type { Feature } from '../../platform/deps.ts';
import { referralApi } from './api.ts';
import { dashboardPages } from './dashboard.ts';
import { decisionPages } from './decision-routes.ts';
import { mashPages } from './mash-routes.ts';
import { outboxPages } from './outbox-routes.ts';
import { referralPeoplePages } from './referral-people-routes.ts';
import { referralPages } from './referral-routes.ts';
import { requestPages } from './request-routes.ts';

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
  await referralApi(app);
};
