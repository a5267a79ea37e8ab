/**
 * The executive's page, one panel per area of assurance: each area's service exports
 * `executivePanel(db, actor)`, and this list says which panels the page shows, in order.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { ExecutivePanel } from '../../platform/charts.ts';
import { executivePanel as actionsPanel } from '../actions/service.ts';
import { executivePanel as caseAuditsPanel } from '../case-audits/service.ts';
import { executivePanel as earlyHelpPanel } from '../early-help/service.ts';
import { executivePanel as datasetPanel } from '../dataset/service.ts';
import { executivePanel as escalationsPanel } from '../escalations/service.ts';
import { executivePanel as childVoicePanel } from '../family-voice/service.ts';
import { executivePanel as scrutinyPanel } from '../scrutiny/service.ts';
import { executivePanel as section11Panel } from '../section11/service.ts';
import { executivePanel as trainingPanel } from '../training/service.ts';
import { executivePanel as reviewsPanel } from '../reviews/service.ts';

export type PanelLoader = (db: Db, actor: Actor) => Promise<ExecutivePanel>;

export const PANELS: PanelLoader[] = [
  scrutinyPanel,
  actionsPanel,
  caseAuditsPanel,
  section11Panel,
  trainingPanel,
  escalationsPanel,
  childVoicePanel,
  reviewsPanel,
  earlyHelpPanel,
  datasetPanel,
];
