/** Pages that add to a record (names, addresses, relationships, households, involvements) and break-glass. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { ValidationError } from '../../platform/errors.ts';
import { parse } from '../../platform/validation.ts';
import { londonToday } from '../../platform/dates.ts';
import { breakGlassState, startBreakGlass } from './break-glass.ts';
import { INVOLVEMENT_ROLES, NAME_KINDS, RELATIONSHIP_KINDS } from './codes.ts';
import { bodyOf, dateValues, personIdOf } from './http.ts';
import {
  addAddress,
  addHouseholdMembership,
  addInvolvement,
  addName,
  addRelationship,
  agencyChoices,
  checkMayChange,
  householdChoices,
} from './record-changes.ts';
import { searchPeople, type SearchResult } from './search.ts';
import { personHeading, type PersonHeading } from './service.ts';
import {
  breakGlassSchema,
  nameSchema,
  parseAddressForm,
  parseHouseholdForm,
  parseInvolvementForm,
  parseRelationshipForm,
} from './part-schemas.ts';
import { str } from './schemas.ts';
import type { Db } from '../../db/index.ts';

const V = 'people/views';

/** Permission and access for a change, then the heading the form shows (an audited read). */
async function formPerson(db: Db, actor: Actor, personId: string, page: string): Promise<PersonHeading> {
  await checkMayChange(db, actor, personId);
  const { person } = await personHeading(db, actor, personId);
  await audit(db, actor, {
    action: 'person.view',
    entityType: 'person',
    entityId: personId,
    personId,
    detail: { page },
  });
  return person;
}

interface PartForm {
  path: string;
  template: string;
  title: string;
  saved: string;
  /** Extra data for the page (choices, search results). */
  data?: (
    db: Db,
    actor: Actor,
    personId: string,
    values: Record<string, string>,
  ) => Promise<Record<string, unknown>>;
  initial?: () => Record<string, string>;
  save: (db: Db, actor: Actor, personId: string, body: Record<string, unknown>) => Promise<unknown>;
}

const strings = (o: unknown) =>
  Object.fromEntries(Object.entries(bodyOf(o)).map(([k, v]) => [k, str(v).slice(0, 5000)]));

async function relatedSearch(db: Db, actor: Actor, personId: string, q: string) {
  if (!q.trim()) return { q, results: [] as SearchResult[] };
  try {
    const found = await searchPeople(db, actor, { name: q.slice(0, 200) }, { limit: 20 });
    return { q, results: found.results.filter((r) => r.id !== personId), more: found.more };
  } catch (err) {
    if (err instanceof ValidationError) return { q, results: [], searchError: err.errors[0]?.message };
    throw err;
  }
}

const FORMS: PartForm[] = [
  {
    path: 'names',
    template: 'add-name.njk',
    title: 'Add a name',
    saved: 'name',
    data: async () => ({ kinds: NAME_KINDS }),
    save: (db, actor, id, body) =>
      addName(
        db,
        actor,
        id,
        parse(nameSchema, {
          kind: str(body.kind),
          givenName: str(body.givenName),
          familyName: str(body.familyName),
        }),
      ),
  },
  {
    path: 'addresses',
    template: 'add-address.njk',
    title: 'Add an address',
    saved: 'address',
    initial: () => ({ current: 'yes' }),
    save: (db, actor, id, body) => addAddress(db, actor, id, parseAddressForm(body)),
  },
  {
    path: 'relationships',
    template: 'add-relationship.njk',
    title: 'Add a relationship',
    saved: 'relationship',
    data: async (db, actor, id, values) => ({
      kinds: RELATIONSHIP_KINDS,
      search: await relatedSearch(db, actor, id, values.q ?? ''),
    }),
    save: (db, actor, id, body) => addRelationship(db, actor, id, parseRelationshipForm(body)),
  },
  {
    path: 'households',
    template: 'add-household.njk',
    title: 'Add to a household',
    saved: 'household',
    data: async (db, actor, id) => ({ households: await householdChoices(db, actor, id) }),
    save: (db, actor, id, body) => addHouseholdMembership(db, actor, id, parseHouseholdForm(body)),
  },
  {
    path: 'involvements',
    template: 'add-involvement.njk',
    title: 'Add an agency involvement',
    saved: 'involvement',
    initial: () => dateValues('start', londonToday()),
    data: async (db, actor, id) => ({
      agencies: await agencyChoices(db, actor, id),
      roles: INVOLVEMENT_ROLES,
    }),
    save: (db, actor, id, body) => addInvolvement(db, actor, id, parseInvolvementForm(body)),
  },
];

export async function partPages(app: FastifyInstance, { db, config }: Deps): Promise<void> {
  const render = async (
    reply: FastifyReply,
    form: PartForm,
    actor: Actor,
    id: string,
    values: Record<string, string>,
    extra: Record<string, unknown> = {},
  ) => {
    const person = await formPerson(db, actor, id, form.path);
    const data = form.data ? await form.data(db, actor, id, values) : {};
    return reply.render(`${V}/${form.template}`, { title: form.title, person, values, ...data, ...extra });
  };

  for (const form of FORMS) {
    app.get(`/people/:id/${form.path}/new`, async (req, reply) => {
      const actor = actorOf(req);
      const id = personIdOf(req.params);
      const values = { ...(form.initial?.() ?? {}), ...strings(req.query) };
      return render(reply, form, actor, id, values);
    });
  }

  app.get('/people/:id/break-glass', async (req, reply) => {
    const actor = actorOf(req);
    const id = personIdOf(req.params);
    if ((await breakGlassState(db, actor, id)) === 'has_access') return reply.redirect(`/people/${id}`);
    return reply.render(`${V}/break-glass.njk`, {
      title: 'Break-glass access',
      personId: id,
      hours: config.BREAK_GLASS_HOURS,
      values: {},
    });
  });

  {
    const forms = app;
    for (const form of FORMS) {
      forms.post(`/people/:id/${form.path}/new`, async (req, reply) => {
        const actor = actorOf(req);
        const id = personIdOf(req.params);
        const body = bodyOf(req.body);
        try {
          await form.save(db, actor, id, body);
          return reply.redirect(`/people/${id}?saved=${form.saved}`);
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          reply.status(400);
          return render(reply, form, actor, id, strings(body), { errors: err.errors });
        }
      });
    }

    forms.post('/people/:id/break-glass', async (req, reply) => {
      const actor = actorOf(req);
      const id = personIdOf(req.params);
      if ((await breakGlassState(db, actor, id)) === 'has_access') return reply.redirect(`/people/${id}`);
      const body = bodyOf(req.body);
      try {
        const { reason } = parse(breakGlassSchema, { reason: str(body.reason) });
        await startBreakGlass(db, actor, id, reason, config.BREAK_GLASS_HOURS);
        return reply.redirect(`/people/${id}`);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return reply.status(400).render(`${V}/break-glass.njk`, {
          title: 'Break-glass access',
          personId: id,
          hours: config.BREAK_GLASS_HOURS,
          values: { reason: str(body.reason).slice(0, 5000) },
          errors: err.errors,
        });
      }
    });
  }
}
