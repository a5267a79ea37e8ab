/**
 * The partnership's one action log. Every source (a meeting, a challenge, a case audit, a review…)
 * adds its actions here with addActionIn, inside its own transaction, and shows them on its own page
 * with actionsFrom and the `_actions-table.njk` partial.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { audit } from '../../platform/audit.ts';
import type { ExecutivePanel } from '../../platform/charts.ts';
import { isRealDate, londonToday } from '../../platform/dates.ts';
import { doneIn, due } from '../../platform/due.ts';
import { Problems } from '../../platform/validation.ts';
import {
  actionsBySource,
  agencyIn,
  insertAction,
  insertActionEvent,
  measureIn,
  overdueByAgency,
  ownerChoices,
  sourceStatusCounts,
  userIn,
  type ActionRow,
  type ActionStatus,
} from './repository.ts';
import { ACTION_STATUSES, SOURCE_KINDS } from './schemas.ts';

export { ACTION_STATUSES, SOURCE_KINDS, type ActionStatus };
export { actionFields, newActionSchema, type NewActionInput } from './schemas.ts';

export type ActionSourceKind =
  | 'meeting'
  | 'challenge'
  | 'case_audit'
  | 'section11'
  | 'escalation'
  | 'training'
  | 'voice'
  | 'review'
  | 'early_help'
  /** An action the partnership agreed outside any one source (the business manager's). */
  | 'partnership';

export interface NewAction {
  sourceKind: ActionSourceKind;
  sourceId: string;
  /** "Challenge: information sharing with schools" */
  sourceLabel: string;
  /** The source's page, e.g. /partnership/scrutiny/challenges/<id> */
  sourceHref: string;
  title: string;
  detail?: string;
  ownerAgencyId: string;
  ownerUserId?: string | null;
  /** YYYY-MM-DD */
  dueOn: string;
  measureId?: string | null;
}

/** Where an action stands, in words and a GOV.UK tag class (never colour alone). */
export interface Rag {
  text: string;
  tag: string;
  overdue: boolean;
}

/** An action as lists and the sources' pages show it. */
export interface ActionSummary {
  id: string;
  title: string;
  ownerAgencyId: string;
  ownerAgency: string;
  ownerUser: string | null;
  dueOn: string;
  status: ActionStatus;
  statusLabel: string;
  rag: Rag;
  sourceKind: string;
  sourceLabel: string;
  sourceHref: string;
  href: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (v: string) =>
  ISO_DATE.test(v) && isRealDate(+v.slice(0, 4), +v.slice(5, 7), +v.slice(8, 10));
const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The RAG of an action: against its due date while open, in time or late once done. */
export function ragOf(a: Pick<ActionRow, 'status' | 'dueOn' | 'completedOn'>, today = londonToday()): Rag {
  if (a.status === 'done') {
    const d = doneIn(a.dueOn, a.completedOn ?? a.dueOn);
    return { text: d.text, tag: d.tag, overdue: false };
  }
  if (a.status === 'dropped') return { text: 'Dropped', tag: 'govuk-tag--grey', overdue: false };
  const d = due(a.dueOn, today);
  return { text: d.text, tag: d.tag, overdue: d.status === 'overdue' };
}

export function summaryOf(r: ActionRow, today = londonToday()): ActionSummary {
  return {
    id: r.id,
    title: r.title,
    ownerAgencyId: r.ownerAgencyId,
    ownerAgency: r.ownerAgency,
    ownerUser: r.ownerUser,
    dueOn: r.dueOn,
    status: r.status,
    statusLabel: ACTION_STATUSES.labelOf(r.status),
    rag: ragOf(r, today),
    sourceKind: r.sourceKind,
    sourceLabel: r.sourceLabel,
    sourceHref: r.sourceHref,
    href: `/partnership/actions/${r.id}`,
  };
}

/**
 * The owner rules of every action, whatever its source: an agency of the partnership owns it; a
 * named owner works for that agency and is never the independent scrutineer (who holds the
 * partnership to account and so cannot own its actions). Problems name the NewAction's keys.
 */
export async function checkOwner(
  db: Db,
  actor: Actor,
  input: { ownerAgencyId?: string | null; ownerUserId?: string | null },
  problems: Problems,
): Promise<void> {
  const agency =
    input.ownerAgencyId && UUID_TEXT.test(input.ownerAgencyId)
      ? await agencyIn(db, actor.partnershipId, input.ownerAgencyId)
      : undefined;
  if (!agency) problems.add('ownerAgencyId', 'Select the agency that owns the action');
  if (!input.ownerUserId) return;
  const user = UUID_TEXT.test(input.ownerUserId)
    ? await userIn(db, actor.partnershipId, input.ownerUserId)
    : undefined;
  if (!user || !user.active) problems.add('ownerUserId', 'Select the owner from the list');
  else if (user.roles.includes('scrutineer'))
    problems.add(
      'ownerUserId',
      'The independent scrutineer cannot own an action: they hold the partnership to account for it',
    );
  else if (agency && user.agencyId !== agency.id)
    problems.add('ownerUserId', `The owner must work for ${agency.name}`);
}

/**
 * Adds an action in the caller's transaction (the caller has checked its own permission).
 * Refuses with a ValidationError naming the key: no owner agency ('ownerAgencyId'), no due date
 * ('dueOn'), an owner who is a scrutineer or not of the owner agency ('ownerUserId'). Audited.
 */
export async function addActionIn(tx: Db, actor: Actor, input: NewAction): Promise<{ id: string }> {
  const problems = new Problems();
  const title = input.title?.trim() ?? '';
  if (!title) problems.add('title', 'Enter what is to be done');
  else if (title.length > 200) problems.add('title', 'Action must be 200 characters or fewer');
  await checkOwner(tx, actor, input, problems);
  if (!input.dueOn) problems.add('dueOn', 'Enter the date the action is due');
  else if (!realDate(input.dueOn)) problems.add('dueOn', 'Due date must be a real date');
  if (
    input.measureId &&
    !(UUID_TEXT.test(input.measureId) && (await measureIn(tx, actor.partnershipId, input.measureId)))
  )
    problems.add('measureId', 'Select the measure from the list');
  if (!SOURCE_KINDS.isValue(input.sourceKind)) problems.add('sourceKind', 'Unknown source of the action');
  problems.check();
  const id = await insertAction(tx, {
    partnershipId: actor.partnershipId,
    sourceKind: input.sourceKind,
    sourceId: input.sourceId,
    sourceLabel: input.sourceLabel,
    sourceHref: input.sourceHref,
    title,
    detail: input.detail?.trim() ?? '',
    ownerAgencyId: input.ownerAgencyId.toLowerCase(),
    ownerUserId: input.ownerUserId ? input.ownerUserId.toLowerCase() : null,
    dueOn: input.dueOn,
    measureId: input.measureId ? input.measureId.toLowerCase() : null,
    createdBy: actor.userId,
  });
  await insertActionEvent(tx, {
    partnershipId: actor.partnershipId,
    actionId: id,
    from: null,
    to: 'open',
    note: '',
    byUser: actor.userId,
    byName: actor.name,
  });
  await audit(tx, actor, {
    action: 'action.add',
    entityType: 'partnership_action',
    entityId: id,
    detail: { sourceKind: input.sourceKind, sourceId: input.sourceId, ownerAgencyId: input.ownerAgencyId },
  });
  return { id };
}

/**
 * The actions raised from one source, for the source's own page (title, owner agency, due, status,
 * RAG, href). The caller has checked that the actor may see the source, and audits its page's read.
 */
export async function actionsFrom(
  db: Db,
  actor: Actor,
  kind: ActionSourceKind,
  sourceId: string,
): Promise<ActionSummary[]> {
  const today = londonToday();
  const rows = await actionsBySource(db, actor.partnershipId, kind, sourceId);
  return rows.map((r) => summaryOf(r, today));
}

/**
 * Whether every action from a source is done (reviews close recommendations only when all are).
 * Dropped actions count as finished (the partnership decided not to do them); a source with no
 * actions is not "all done": there is nothing to show for it.
 */
export async function allActionsDone(db: Db, kind: ActionSourceKind, sourceId: string): Promise<boolean> {
  const { total, open } = await sourceStatusCounts(db, kind, sourceId);
  return total > 0 && open === 0;
}

/** Overdue actions by agency, for the executive's page: headline figures, a chart and its table. */
export async function executivePanel(db: Db, actor: Actor): Promise<ExecutivePanel> {
  requirePermission(actor, 'assurance.read');
  const rows = await overdueByAgency(db, actor.partnershipId, londonToday());
  await audit(db, actor, { action: 'action.executive_panel' });
  const open = rows.reduce((n, r) => n + r.open, 0);
  const overdue = rows.reduce((n, r) => n + r.overdue, 0);
  const late = rows.filter((r) => r.overdue > 0);
  return {
    title: 'Actions',
    href: '/partnership/actions/overdue',
    headlines: [
      `${open} open ${open === 1 ? 'action' : 'actions'}`,
      `${overdue} overdue`,
      `${late.length} ${late.length === 1 ? 'agency has' : 'agencies have'} overdue actions`,
    ],
    chart: {
      kind: 'bar',
      title: 'Overdue actions by agency',
      description:
        overdue === 0
          ? 'No action is overdue.'
          : `${overdue} open actions are past their due date, across ${late.length} agencies. ` +
            `The most are ${late[0]!.agency}’s (${late[0]!.overdue}).`,
      valueTitle: 'Actions',
      data: late.map((r) => ({ label: r.agency, value: r.overdue })),
      table: {
        caption: 'Open and overdue actions by agency',
        head: ['Agency', 'Open', 'Overdue'],
        rows: rows.map((r) => [r.agency, r.open, r.overdue]),
      },
    },
  };
}

type Item = { value: string; text: string; selected?: boolean };
export interface ActionFormItems {
  agencies: Item[];
  owners: Item[];
  measures: Item[];
}

/**
 * The select items of `_action-fields.njk`, with the chosen values kept. The caller has checked
 * that the actor may add actions from its source.
 */
export async function actionFormItems(
  db: Db,
  actor: Actor,
  values: Record<string, unknown> = {},
): Promise<ActionFormItems> {
  const { agencies, users, measures } = await ownerChoices(db, actor.partnershipId);
  const pick = (key: string, id: string) => values[key] === id;
  return {
    agencies: [
      { value: '', text: 'Choose an agency' },
      ...agencies.map((a) => ({ value: a.id, text: a.name, selected: pick('ownerAgencyId', a.id) })),
    ],
    owners: [
      { value: '', text: 'No named owner' },
      ...users.map((u) => ({
        value: u.id,
        text: `${u.name} (${u.agency})`,
        selected: pick('ownerUserId', u.id),
      })),
    ],
    measures: [
      { value: '', text: 'None' },
      ...measures.map((m) => ({ value: m.id, text: m.name, selected: pick('measureId', m.id) })),
    ],
  };
}
