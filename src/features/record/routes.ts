/**
 * The child's record page: the person index's record with the multi-agency chronology below it.
 * It composes the people and chronology services (and is imported by no feature), so that neither
 * of those needs the other's pages.
 */
import { can } from '../../platform/access/roles.ts';
import type { Feature } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { maySeeChanges } from '../../platform/access/policy.ts';
import { idParam, queryOf } from '../../platform/http/forms.ts';
import { currentAllocation } from '../caseloads/service.ts';
import { caseworkSummary } from '../casework/service.ts';
import { parseTimelineFilters, timeline } from '../chronology/service.ts';
import { immediateRiskReported } from '../front-door/service.ts';
import { breakGlassOnRecord, keptRecordFor, personRecordView, SAVED_MESSAGES } from '../people/service.ts';

export const recordFeature: Feature = (app, { db }) => {
  app.get('/people/:id', async (req, reply) => {
    const actor = actorOf(req);
    const id = idParam(req);
    // Temporary: a merge can be undone.
    const kept = await keptRecordFor(db, actor, id);
    if (kept) return reply.redirect(`/people/${kept}`, 303);
    const record = await personRecordView(db, actor, id);
    const filters = parseTimelineFilters(req.query);
    const chronology = record.access.parts.includes('chronology')
      ? await timeline(db, actor, record.access, filters)
      : undefined;
    // The summary at the top: who works with the child and the alerts (the record part), then
    // the status, clocks and latest words (the casework part, for those who may read it).
    const child = record.person.kind === 'child';
    const summary = {
      allocation: child ? await currentAllocation(db, actor, record.access) : undefined,
      immediateRisk: await immediateRiskReported(db, actor, record.access),
      breakGlass: await breakGlassOnRecord(db, actor, record.access),
      casework: child ? await caseworkSummary(db, actor, record.access) : undefined,
    };
    const saved = queryOf(req).saved;
    return reply.render('record/views/record.njk', {
      title: [record.person.givenName, record.person.familyName].filter(Boolean).join(' '),
      ...record,
      summary,
      timeline: chronology,
      filters,
      flash: typeof saved === 'string' ? SAVED_MESSAGES[saved] : undefined,
      // Break-glass and scrutiny read only: the page offers no change.
      mayChange: maySeeChanges(record.access),
      // A case audit's auditor reads the record without search: the way back is to the audits.
      maySearch: can(actor.roles, 'person.search'),
      section: 'record',
    });
  });
};
