/**
 * The casework part of the summary at the top of a child's record: the child's current status,
 * the open clocks and the child's latest words. Only for a viewer who may read the casework part;
 * for anyone else there is nothing (undefined), and nothing is read.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { PersonAccess } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { aboutPerson, audit } from '../../platform/audit.ts';
import { londonToday } from '../../platform/dates.ts';
import { due, type Due } from '../../platform/due.ts';
import { ABUSE_CATEGORIES } from './codes.ts';
import { openClocks, type Clock } from './due.ts';
import { loadStatus } from './repository/casework.ts';
import { loadClockFacts } from './repository/clocks.ts';
import { latestVoice, type VoiceEntry } from './repository/voice.ts';
import { caseworkSettings } from './settings.ts';

export interface CaseworkSummary {
  /** The child's current statuses, in words, each with the date it began: empty when none. */
  status: { text: string; since: string }[];
  clocks: (Clock & { due: Due })[];
  /** The latest record of what the child has told us, if any. */
  latestWords: VoiceEntry | undefined;
}

/** The child's casework at a glance, or undefined when the viewer may not read casework. */
export async function caseworkSummary(
  db: Db,
  actor: Actor,
  access: PersonAccess,
  today = londonToday(),
): Promise<CaseworkSummary | undefined> {
  // The access the record page checked names every part the viewer may read: no second look.
  if (!can(actor.roles, 'casework.read') || !access.parts.includes('casework')) return undefined;
  const { personId } = access;
  const cw = await loadStatus(db, actor.partnershipId, personId);
  const open = cw.episodes.find((e) => e.status === 'open');
  const status: CaseworkSummary['status'] = [];
  if (open) {
    status.push({ text: 'Child in need (open episode of need)', since: open.referralDate });
    const inEpisode = <T extends { episodeId: string }>(rows: T[]) =>
      rows.filter((r) => r.episodeId === open.id);
    const cp = inEpisode(cw.cpPlans).find((p) => p.status === 'open');
    if (cp)
      status.push({
        text: `Child protection plan: ${ABUSE_CATEGORIES.labelOf(cp.latestCategory)}`,
        since: cp.startDate,
      });
    const cin = inEpisode(cw.cinPlans).find((p) => p.status === 'open');
    if (cin) status.push({ text: 'Child in need plan', since: cin.startDate });
    // Looked after: a plan in this episode ended because the child became looked after.
    const lac = [...inEpisode(cw.cpPlans), ...inEpisode(cw.cinPlans)].find(
      (p) => p.endReason === 'looked_after',
    );
    if (lac?.endDate) status.push({ text: 'Looked after', since: lac.endDate });
  }
  const settings = await caseworkSettings(db, actor.partnershipId);
  const [facts] = await loadClockFacts(db, actor.partnershipId, [personId]);
  const clocks = facts ? openClocks(facts, settings).map((c) => ({ ...c, due: due(c.dueDate, today) })) : [];
  const voice = await latestVoice(db, actor.partnershipId, personId, 1);
  await audit(db, actor, aboutPerson(personId, 'casework.view', { page: 'record summary' }));
  return { status, clocks, latestWords: voice.entries[0] };
}
