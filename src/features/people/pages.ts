/** Pages: search, create, edit with optimistic concurrency. The record itself is the record feature's. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { ValidationError } from '../../platform/errors.ts';
import { bodyOf, idParam, keepValues, queryOf, submitForm } from '../../platform/http/forms.ts';
import { parseForm, Problems, type Body } from '../../platform/validation.ts';
import { ETHNICITIES, SEXES } from './codes.ts';
import { hasAddress, personFormValues, personFromForm, SEARCH_FIELDS, searchFromQuery } from './forms.ts';
import { addressInput, addressSchema } from './part-schemas.ts';
import { personInput, personSchema, searchSchema } from './schemas.ts';
import { searchPeople } from './search.ts';
import {
  createPerson,
  getPersonForEdit,
  possibleMatches,
  PersonConflictError,
  updatePerson,
  type PersonRow,
} from './service.ts';

const V = 'people/views';

/** Lists the form templates choose from. */
const lists = { ethnicities: ETHNICITIES, sexes: SEXES };

/** The person and the optional first address of the create form, with the problems of both at once. */
function newPersonForm(body: Body) {
  const problems = new Problems();
  const attempt = <T>(parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (err) {
      problems.absorb(err);
      return undefined;
    }
  };
  const person = attempt(() => personInput(parseForm(personSchema, personFromForm(body))));
  const address = hasAddress(body)
    ? attempt(() => addressInput(parseForm(addressSchema, { ...body, current: 'yes' })))
    : null;
  problems.check();
  return { person: person!, address: address ?? null };
}

/** The version of the record the edit form was opened at. */
function versionOf(body: Body): number {
  const version = Number(body.version);
  if (!Number.isInteger(version) || version < 1)
    throw new ValidationError([
      { field: 'form', message: 'The form was incomplete. Reload the page and try again.' },
    ]);
  return version;
}

export async function personPages(app: FastifyInstance, { db }: Deps): Promise<void> {
  app.get('/people', async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'person.search');
    const query = queryOf(req);
    const values = keepValues(query);
    const page = { title: 'Find a person', values };
    const typed = SEARCH_FIELDS.some((k) => typeof query[k] === 'string' && query[k].trim());
    if (!typed) return reply.render(`${V}/search.njk`, page);
    try {
      const outcome = await searchPeople(db, actor, parseForm(searchSchema, searchFromQuery(query)));
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

  // The same matcher as the front door's runs first: possible matches are shown before a record is
  // added, and the form comes back with "none of these" (checked=yes) to add it all the same.
  app.post('/people/new', async (req, reply) => {
    const actor = actorOf(req);
    const body = bodyOf(req);
    requirePermission(actor, 'person.create');
    const view = `${V}/new.njk`;
    if (body.checked !== 'yes') {
      try {
        const { person, address } = newPersonForm(body);
        const matches = await possibleMatches(db, actor, person, address);
        if (matches.length)
          return reply.render(view, { title: 'Add a person', lists, values: keepValues(body), matches });
      } catch (err) {
        // Bad input: the post below names every problem.
        if (!(err instanceof ValidationError)) throw err;
      }
    }
    return submitForm(reply, {
      view,
      body,
      schema: personSchema,
      page: () => ({ title: 'Add a person', lists }),
      change: async () => {
        const { person, address } = newPersonForm(body);
        return `/people/${await createPerson(db, actor, person, address)}?saved=created`;
      },
    });
  });

  app.get('/people/:id/edit', async (req, reply) => {
    const person = await getPersonForEdit(db, actorOf(req), idParam(req));
    return reply.render(`${V}/edit.njk`, {
      title: 'Change the record',
      person,
      values: personFormValues(person),
      lists,
    });
  });

  app.post('/people/:id/edit', async (req, reply) => {
    const actor = actorOf(req);
    const id = idParam(req);
    const body = bodyOf(req);
    const person = await getPersonForEdit(db, actor, id);
    const page = { title: 'Change the record', person, lists };
    try {
      return await submitForm(reply, {
        view: `${V}/edit.njk`,
        body,
        schema: personSchema,
        page: () => page,
        change: async () => {
          const version = versionOf(body);
          await updatePerson(
            db,
            actor,
            id,
            version,
            personInput(parseForm(personSchema, personFromForm(body))),
          );
          return `/people/${id}?saved=updated`;
        },
      });
    } catch (err) {
      if (!(err instanceof PersonConflictError)) throw err;
      // Keep what they typed, but against the version they have now seen.
      return reply.status(409).render(`${V}/edit.njk`, {
        ...page,
        person: err.current,
        values: { ...keepValues(body), version: String(err.current.version) },
        conflict: { message: err.message, current: err.current, ...currentLabels(err.current) },
      });
    }
  });
}

function currentLabels(p: PersonRow) {
  return { ethnicityLabel: ETHNICITIES.labelOf(p.ethnicity), sexLabel: SEXES.labelOf(p.sex) };
}
