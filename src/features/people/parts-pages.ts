/** Pages that add to a record (names, addresses, relationships, households, involvements) and break-glass. */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { aboutPerson, audit } from '../../platform/audit.ts';
import { ValidationError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { bodyOf, formPost, idParam, keepValues, queryOf, submitForm } from '../../platform/http/forms.ts';
import { londonToday } from '../../platform/dates.ts';
import { parseForm, type Body } from '../../platform/validation.ts';
import { breakGlassState, startBreakGlass } from './break-glass.ts';
import { INVOLVEMENT_ROLES, NAME_KINDS, RELATIONSHIP_KINDS } from './codes.ts';
import { dateValues } from './forms.ts';
import {
  addressInput,
  addressSchema,
  breakGlassSchema,
  householdInput,
  householdSchema,
  involvementInput,
  involvementSchema,
  nameSchema,
  relationshipSchema,
} from './part-schemas.ts';
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

const V = 'people/views';

/** Permission and access for a change, then the heading the form shows (an audited read). */
async function formPerson(db: Db, actor: Actor, personId: string, page: string): Promise<PersonHeading> {
  await checkMayChange(db, actor, personId);
  const { person } = await personHeading(db, actor, personId);
  await audit(db, actor, aboutPerson(personId, 'person.view', { page }));
  return person;
}

interface PartForm {
  path: string;
  template: string;
  title: string;
  /** The key of the record page's message (SAVED_MESSAGES). */
  saved: string;
  schema: z.ZodObject;
  /** Extra data for the page (choices, search results). */
  data?: (db: Db, actor: Actor, personId: string, values: Body) => Promise<Record<string, unknown>>;
  initial?: () => Record<string, string>;
  save: (db: Db, actor: Actor, personId: string, body: Body) => Promise<unknown>;
}

async function relatedSearch(db: Db, actor: Actor, personId: string, q: unknown) {
  if (typeof q !== 'string' || !q.trim())
    return { q: typeof q === 'string' ? q : '', results: [] as SearchResult[] };
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
    schema: nameSchema,
    data: async () => ({ kinds: NAME_KINDS }),
    save: (db, actor, id, body) => addName(db, actor, id, parseForm(nameSchema, body)),
  },
  {
    path: 'addresses',
    template: 'add-address.njk',
    title: 'Add an address',
    saved: 'address',
    schema: addressSchema,
    initial: () => ({ current: 'yes' }),
    save: (db, actor, id, body) => addAddress(db, actor, id, addressInput(parseForm(addressSchema, body))),
  },
  {
    path: 'relationships',
    template: 'add-relationship.njk',
    title: 'Add a relationship',
    saved: 'relationship',
    schema: relationshipSchema,
    data: async (db, actor, id, values) => ({
      kinds: RELATIONSHIP_KINDS,
      search: await relatedSearch(db, actor, id, values.q),
    }),
    save: (db, actor, id, body) => {
      const r = parseForm(relationshipSchema, body);
      return addRelationship(db, actor, id, { ...r, fromDate: r.fromDate ?? null });
    },
  },
  {
    path: 'households',
    template: 'add-household.njk',
    title: 'Add to a household',
    saved: 'household',
    schema: householdSchema,
    data: async (db, actor, id) => ({ households: await householdChoices(db, actor, id) }),
    save: (db, actor, id, body) =>
      addHouseholdMembership(db, actor, id, householdInput(parseForm(householdSchema, body))),
  },
  {
    path: 'involvements',
    template: 'add-involvement.njk',
    title: 'Add an agency involvement',
    saved: 'involvement',
    schema: involvementSchema,
    initial: () => dateValues('start', londonToday()),
    data: async (db, actor, id) => ({
      agencies: await agencyChoices(db, actor, id),
      roles: INVOLVEMENT_ROLES,
    }),
    save: (db, actor, id, body) =>
      addInvolvement(db, actor, id, involvementInput(parseForm(involvementSchema, body))),
  },
];

export async function partPages(app: FastifyInstance, { db, config }: Deps): Promise<void> {
  /** What the form shows besides what was typed. */
  const pageOf = async (form: PartForm, actor: Actor, id: string, values: Body) => ({
    title: form.title,
    person: await formPerson(db, actor, id, form.path),
    ...(form.data ? await form.data(db, actor, id, values) : {}),
  });

  for (const form of FORMS) {
    const view = `${V}/${form.template}`;
    app.get(`/people/:id/${form.path}/new`, async (req, reply) => {
      const actor = actorOf(req);
      const id = idParam(req);
      const values = { ...(form.initial?.() ?? {}), ...keepValues(queryOf(req)) };
      return reply.render(view, { ...(await pageOf(form, actor, id, values)), values });
    });

    formPost(app, `/people/:id/${form.path}/new`, ({ req, actor, body }) => {
      const id = idParam(req);
      return {
        view,
        schema: form.schema,
        page: () => pageOf(form, actor, id, body),
        change: async () => {
          await form.save(db, actor, id, body);
          return `/people/${id}?saved=${form.saved}`;
        },
      };
    });
  }

  const breakGlassPage = (personId: string) => ({
    title: 'Break-glass access',
    personId,
    hours: config.BREAK_GLASS_HOURS,
    values: {},
  });

  app.get('/people/:id/break-glass', async (req, reply) => {
    const actor = actorOf(req);
    const id = idParam(req);
    if ((await breakGlassState(db, actor, id)) === 'has_access') return reply.redirect(`/people/${id}`);
    return reply.render(`${V}/break-glass.njk`, breakGlassPage(id));
  });

  app.post('/people/:id/break-glass', async (req, reply) => {
    const actor = actorOf(req);
    const id = idParam(req);
    if ((await breakGlassState(db, actor, id)) === 'has_access') return reply.redirect(`/people/${id}`, 303);
    const body = bodyOf(req);
    return submitForm(reply, {
      view: `${V}/break-glass.njk`,
      body,
      schema: breakGlassSchema,
      page: () => breakGlassPage(id),
      change: async () => {
        const { reason } = parseForm(breakGlassSchema, body);
        await startBreakGlass(db, actor, id, reason, config.BREAK_GLASS_HOURS);
        return `/people/${id}`;
      },
    });
  });
}
