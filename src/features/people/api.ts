/** /api/v1/people: search, read, create, update with the version read (409 when stale). */
import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../../platform/http/api.ts';
import { bodyOf } from '../../platform/http/forms.ts';
import { field } from '../../platform/validation.ts';
import { ageOf } from './format.ts';
import { addressInput, newAddressSchema } from './part-schemas.ts';
import {
  personFieldsSchema,
  personInput,
  personSchemaFor,
  searchSchema,
  type PersonInput,
} from './schemas.ts';
import { searchPeople } from './search.ts';
import {
  createPerson,
  getPersonForEdit,
  getPersonRecord,
  personJson,
  updatePerson,
  type PersonRecord,
} from './service.ts';

const TAG = 'People';

/** A new person, and where they live now if known: the person's schema with the first address. */
const newPersonSchema = personSchemaFor(undefined, { address: newAddressSchema.optional() });

/** A change: the fields sent replace the record's (null clears one), as of the version read. */
const personChangeSchema = personFieldsSchema.partial().extend({
  version: field.int('Version', {
    min: 1,
    max: 2_000_000_000,
    missing: 'Send the version of the record you read',
  }),
});

const PERSON_KEYS = Object.keys(personFieldsSchema.shape) as (keyof PersonInput)[];

/** A record as the API shows it (camel case, dates as ISO strings). */
export function recordJson(r: PersonRecord) {
  const p = r.person;
  return {
    ...personJson(p),
    age: ageOf(p.dateOfBirth, p.unborn),
    sex: p.sex,
    ethnicity: p.ethnicity,
    nhsNumber: p.nhsNumber,
    upn: p.upn,
    councilId: p.councilId,
    restricted: p.restricted,
    version: p.version,
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
    access: { basis: r.access.basis },
    names: r.names.map((n) => ({ id: n.id, kind: n.kind, givenName: n.givenName, familyName: n.familyName })),
    addresses: r.addresses,
    relationships: r.relationships.map((x) => ({
      id: x.id,
      kind: x.kind,
      label: x.label,
      fromDate: x.fromDate,
      toDate: x.toDate,
      person: x.other,
    })),
    households: r.households,
    involvements: r.involvements,
  };
}

export function personApi(app: FastifyInstance): void {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/people',
    summary: 'Search people by name (typos and sound-alikes), partial date of birth, identifier or postcode',
    tag: TAG,
    query: searchSchema,
    handler: ({ db, actor, query }) => searchPeople(db, actor, query),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/people/:id',
    summary: "A person's record: names, addresses, relationships, households, involvements",
    tag: TAG,
    handler: async ({ db, actor, params }) => recordJson(await getPersonRecord(db, actor, params.id!)),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/people',
    summary: "Create a person; the caller's team gets an open involvement",
    tag: TAG,
    body: newPersonSchema,
    responses: { 201: 'Created: the record, with its version' },
    handler: async ({ db, actor, body, reply }) => {
      const { address, ...person } = body;
      const id = await createPerson(db, actor, personInput(person), address ? addressInput(address) : null);
      reply.status(201).header('location', `/api/v1/people/${id}`);
      return recordJson(await getPersonRecord(db, actor, id));
    },
  });

  apiRoute(app, {
    method: 'PATCH',
    url: '/api/v1/people/:id',
    summary: 'Change a person; send the version you read (409 when someone changed it since)',
    tag: TAG,
    body: personChangeSchema,
    responses: { 200: 'The record as saved', 409: 'Changed by someone else since the version sent' },
    handler: async ({ db, actor, params, body, req }) => {
      const id = params.id!;
      const current = await getPersonForEdit(db, actor, id);
      // Only the fields sent change; a field sent as null is cleared.
      const sent = new Set(Object.keys(bodyOf(req)));
      const changed = Object.fromEntries(
        PERSON_KEYS.map((k) => [k, sent.has(k) ? (body[k] ?? null) : current[k]]),
      ) as unknown as PersonInput;
      await updatePerson(db, actor, id, body.version, changed);
      return recordJson(await getPersonRecord(db, actor, id));
    },
  });
}
