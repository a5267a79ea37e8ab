/** Pages: search, create, the record, edit with optimistic concurrency. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { ValidationError } from '../../platform/errors.ts';
import { parseTimelineFilters, timeline } from '../chronology/service.ts';
import { ETHNICITIES, INVOLVEMENT_ROLES, NAME_KIND_LABELS, SEXES, labelOf } from './codes.ts';
import { ageOf } from './format.ts';
import { bodyOf, dateValues, personIdOf } from './http.ts';
import { keptRecordFor } from './merged.ts';
import { searchPeople } from './search.ts';
import {
  createPerson,
  getPersonForEdit,
  getPersonRecord,
  PersonConflictError,
  updatePerson,
  type PersonRow,
} from './service.ts';
import { parsePersonForm, parseSearchForm, searchFormValues, sortByForm } from './schemas.ts';
import { parseOptionalAddress } from './part-schemas.ts';

const V = 'people/views';
const SAVED: Record<string, string> = {
  created: 'Record created',
  updated: 'Record updated',
  name: 'Name added',
  address: 'Address added',
  relationship: 'Relationship added',
  household: 'Household membership added',
  involvement: 'Involvement added',
};

/** Lists the form templates choose from. */
export const lists = {
  ethnicities: ETHNICITIES,
  sexes: SEXES,
};

/** A stored person as the values of the person form. */
export function personFormValues(p: PersonRow): Record<string, string> {
  return {
    kind: p.unborn ? 'unborn' : p.kind,
    givenName: p.givenName,
    familyName: p.familyName,
    sex: p.sex,
    ethnicity: p.ethnicity ?? '',
    nhsNumber: p.nhsNumber ?? '',
    upn: p.upn ?? '',
    councilId: p.councilId ?? '',
    version: String(p.version),
    ...dateValues('dob', p.dateOfBirth),
    ...dateValues('expected', p.expectedDate),
  };
}

function stringValues(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
}

export async function personPages(app: FastifyInstance, { db }: Deps): Promise<void> {
  app.get('/people', async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'person.search');
    const values = searchFormValues(req.query);
    const page = { title: 'Find a person', values };
    if (!Object.values(values).some((v) => v.trim())) return reply.render(`${V}/search.njk`, page);
    try {
      const outcome = await searchPeople(db, actor, parseSearchForm(values));
      return reply.render(`${V}/search.njk`, { ...page, searched: true, ...outcome });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.status(400).render(`${V}/search.njk`, { ...page, errors: err.errors });
    }
  });

  app.get('/people/new', async (req, reply) => {
    requirePermission(actorOf(req), 'person.create');
    return reply.render(`${V}/new.njk`, { title: 'Add a person', values: { sex: 'unknown' }, lists });
  });

  app.get('/people/:id', async (req, reply) => {
    const actor = actorOf(req);
    const id = personIdOf(req.params);
    // Temporary: a merge can be undone.
    const kept = await keptRecordFor(db, actor, id);
    if (kept) return reply.redirect(`/people/${kept}`, 303);
    const record = await getPersonRecord(db, actor, id);
    const filters = parseTimelineFilters(req.query);
    const chronology = record.access.parts.includes('chronology')
      ? await timeline(db, actor, record.access, filters)
      : undefined;
    const saved = SAVED[String((req.query as Record<string, unknown>).saved ?? '')];
    return reply.render(`${V}/record.njk`, {
      title: [record.person.givenName, record.person.familyName].filter(Boolean).join(' '),
      ...record,
      age: ageOf(record.person.dateOfBirth, record.person.unborn),
      ethnicityLabel: labelOf(ETHNICITIES, record.person.ethnicity),
      sexLabel: labelOf(SEXES, record.person.sex),
      nameKinds: NAME_KIND_LABELS,
      roleLabels: Object.fromEntries(INVOLVEMENT_ROLES.map((r) => [r.code, r.label])),
      timeline: chronology,
      filters,
      flash: saved,
      section: 'record',
    });
  });

  app.get('/people/:id/edit', async (req, reply) => {
    const actor = actorOf(req);
    const person = await getPersonForEdit(db, actor, personIdOf(req.params));
    return reply.render(`${V}/edit.njk`, {
      title: 'Change the record',
      person,
      values: personFormValues(person),
      lists,
    });
  });

  {
    const forms = app;
    forms.post('/people/new', async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'person.create');
      const body = bodyOf(req.body);
      try {
        const [input, address] = parseBoth(body);
        const id = await createPerson(db, actor, input, address);
        return reply.redirect(`/people/${id}?saved=created`);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return reply.status(400).render(`${V}/new.njk`, {
          title: 'Add a person',
          values: stringValues(body),
          errors: err.errors,
          lists,
        });
      }
    });

    forms.post('/people/:id/edit', async (req, reply) => {
      const actor = actorOf(req);
      const id = personIdOf(req.params);
      const body = bodyOf(req.body);
      const person = await getPersonForEdit(db, actor, id);
      const values = stringValues(body);
      const page = { title: 'Change the record', person, values, lists };
      try {
        const version = Number(body.version);
        if (!Number.isInteger(version) || version < 1)
          throw new ValidationError([
            { field: 'form', message: 'The form was incomplete. Reload the page and try again.' },
          ]);
        await updatePerson(db, actor, id, version, parsePersonForm(body));
        return reply.redirect(`/people/${id}?saved=updated`);
      } catch (err) {
        if (err instanceof PersonConflictError) {
          // Keep what they typed, but against the version they have now seen.
          return reply.status(409).render(`${V}/edit.njk`, {
            ...page,
            person: err.current,
            values: { ...values, version: String(err.current.version) },
            conflict: { message: err.message, current: err.current, ...currentLabels(err.current) },
          });
        }
        if (!(err instanceof ValidationError)) throw err;
        return reply.status(400).render(`${V}/edit.njk`, { ...page, errors: err.errors });
      }
    });
  }
}

/** The person and the optional address, with the problems of both at once. */
function parseBoth(body: Record<string, unknown>) {
  const errors: ValidationError['errors'][number][] = [];
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      errors.push(...err.errors);
      return undefined;
    }
  };
  const input = attempt(() => parsePersonForm(body));
  const address = attempt(() => parseOptionalAddress(body));
  if (errors.length || !input) throw new ValidationError(sortByForm(errors));
  return [input, address ?? null] as const;
}

function currentLabels(p: PersonRow) {
  return {
    ethnicityLabel: labelOf(ETHNICITIES, p.ethnicity),
    sexLabel: labelOf(SEXES, p.sex),
  };
}
