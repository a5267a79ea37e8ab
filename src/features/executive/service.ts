/**
 * The executive's page: the accountability picture on one page, built from each area's panel
 * (headline figures, a chart drawn with the table behind it, a link to the detail).
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { audit } from '../../platform/audit.ts';
import { withDrawing, type ExecutivePanel, type RenderedChart } from '../../platform/charts.ts';
import { PANELS, type PanelLoader } from './panels.ts';

export interface ShownPanel extends Omit<ExecutivePanel, 'chart'> {
  chart?: RenderedChart;
}

/** Every panel, in the order of `panels`; each area's loader checks and audits its own read. */
export async function executivePage(
  db: Db,
  actor: Actor,
  panels: readonly PanelLoader[] = PANELS,
): Promise<ShownPanel[]> {
  requirePermission(actor, 'assurance.read');
  const shown: ShownPanel[] = [];
  for (const load of panels) {
    const panel = await load(db, actor);
    shown.push({ ...panel, chart: panel.chart ? await withDrawing(panel.chart) : undefined });
  }
  await audit(db, actor, { action: 'executive.viewed', detail: { panels: shown.map((p) => p.title) } });
  return shown;
}
